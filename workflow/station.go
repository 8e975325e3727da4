package workflow

import (
	"context"
	"log/slog"
	"time"

	"github.com/edged/edged/device/barcode"
	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/ledger"
)

// Recorder records events durably; *ledger.Ledger is one.
type Recorder interface {
	Append(ctx context.Context, e ledger.Event) (ledger.Result, error)
}

// Catalog resolves a scanned code (SKU, alias, GTIN) to a SKU;
// *catalog.Catalog is one.
type Catalog interface {
	Lookup(code string) (sku string, ok bool)
}

// Notifier plays a feedback signal on the scanner; *feedback.Writer is one.
type Notifier interface {
	Notify(s feedback.Signal) error
}

// Rules is a validated, compiled Config shared by all stations.
type Rules struct {
	cfg   Config
	class *classifier
	mode  Mode
}

// NewRules validates cfg and compiles it.
func NewRules(cfg Config) (*Rules, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	mode, _ := parseMode(cfg.DefaultMode)
	return &Rules{cfg: cfg, class: newClassifier(cfg), mode: mode}, nil
}

// Station is the state machine of one scanner. Handle is not safe for
// concurrent use: one goroutine (Run) owns a station.
type Station struct {
	name  string
	rules *Rules
	cat   Catalog
	rec   Recorder
	fb    Notifier
	log   *slog.Logger
	dec   barcode.Decoder
	st    state
	last  lastScan
	retry *ledger.Event // an event whose recording failed, kept for Retry
	// retryData is the scan that built retry: scanning it again reposts
	// retry with its id instead of building a new event.
	retryData string
	mem       memory
}

// StationConfig wires a Station. Rules, Catalog and Recorder are required.
type StationConfig struct {
	// Name is the station (scanner) id, recorded as the event's device.
	Name     string
	Rules    *Rules
	Catalog  Catalog
	Recorder Recorder
	// Feedback plays signals; nil means none.
	Feedback Notifier
	// Logger; default discard.
	Logger *slog.Logger
	// Locations, when set, keeps the station's location across restarts.
	Locations LocationStore
}

// NewStation returns a station in the default mode.
func NewStation(c StationConfig) *Station {
	if c.Feedback == nil {
		c.Feedback = feedback.NewWriter(nil, feedback.None{})
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Station{name: c.Name, rules: c.Rules, cat: c.Catalog, rec: c.Recorder, fb: c.Feedback,
		log: c.Logger.With("station", c.Name), mem: memory{store: c.Locations}}
	s.st.reset(c.Rules.mode)
	s.restore()
	return s
}

// Run handles frames until ctx ends or frames is closed, calling
// observe (if not nil) with each outcome.
func (s *Station) Run(ctx context.Context, frames <-chan scanner.Frame, observe func(Outcome)) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case f, ok := <-frames:
			if !ok {
				return nil
			}
			o := s.Handle(ctx, f)
			if observe != nil {
				observe(o)
			}
		}
	}
}

// lastScan remembers the previous scan for debouncing.
type lastScan struct {
	data string
	mode Mode
	at   time.Time
}
