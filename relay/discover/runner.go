package discover

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

// DriftOptions configure a Drift. Readers and Loaded are required.
type DriftOptions struct {
	Readers map[relay.Channel]relay.ListingReader
	// Loaded is the mapping the relay runs with.
	Loaded *stock.Mapping
	// Catalog returns the SKUs to match; nil means the loaded mapping's.
	Catalog func() []string
	// Site is the site of discovered rows (see Options).
	Site string
	// Every is the period between checks; ≤ 0 disables them.
	Every time.Duration
	// Active, when set, is asked before each check: false skips it, as
	// when another relay instance owns the channels and checks instead.
	Active func() bool
	// Timeout bounds one check; default 10 minutes.
	Timeout time.Duration
	Logger  *slog.Logger
}

// Check is the outcome of one drift check, for the status page.
type Check struct {
	At   time.Time     `json:"at"`
	Took time.Duration `json:"took"`
	// Channels are the channels read; Errors name those that failed.
	Channels []relay.Channel `json:"channels"`
	Errors   []string        `json:"errors,omitempty"`
	// Added, Removed and Changed count the Diff's rows; Diff keeps at most
	// 50 of each.
	Added   int  `json:"added"`
	Removed int  `json:"removed"`
	Changed int  `json:"changed"`
	Diff    Diff `json:"diff"`
	// Unknown, Missing, Duplicates and Blank sum the report's channels.
	Unknown    int `json:"unknown"`
	Missing    int `json:"missing"`
	Duplicates int `json:"duplicates"`
	Blank      int `json:"blank"`
}

// Drifted reports whether the check found the mapping out of date.
func (c Check) Drifted() bool { return c.Added+c.Removed+c.Changed > 0 }

// checkKeep caps each list of a Check's Diff.
const checkKeep = 50

// Drift re-reads the channels' listings on a period and compares the
// discovered mapping with the loaded one. It is safe for concurrent use.
type Drift struct {
	opt  DriftOptions
	log  *slog.Logger
	mu   sync.Mutex
	last *Check
}

// NewDrift returns a Drift; Run starts it.
func NewDrift(opt DriftOptions) *Drift {
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Minute
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Drift{opt: opt, log: log}
}

// Run checks at once and then every Every until ctx ends, then returns
// nil; with Every ≤ 0 it returns nil at once. While Active says no, it
// asks again every second (or Every, if shorter). A failed channel is logged
// and kept in the check; it does not stop the runner.
func (d *Drift) Run(ctx context.Context) error {
	if d.opt.Every <= 0 {
		return nil
	}
	for {
		wait := min(d.opt.Every, inactiveRetry)
		if d.opt.Active == nil || d.opt.Active() {
			d.logCheck(d.Check(ctx))
			wait = d.opt.Every
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// inactiveRetry is how soon an inactive Drift asks Active again (at
// start the fleet may not have given this instance its channels yet, and
// the first check should follow soon after it does). Active is a local
// look at the leases, so asking often costs nothing.
const inactiveRetry = time.Second

func (d *Drift) logCheck(c Check) {
	for _, e := range c.Errors {
		d.log.Warn("mapping drift check: a channel could not be read", "err", e)
	}
	if c.Drifted() {
		d.log.Warn("mapping drift: the channels' listings no longer match the mapping file; run `relay mapping discover`",
			"added", c.Added, "removed", c.Removed, "changed", c.Changed)
	}
}

// Check runs one check now and keeps it as the last.
func (d *Drift) Check(ctx context.Context) Check {
	ctx, cancel := context.WithTimeout(ctx, d.opt.Timeout)
	defer cancel()
	start := time.Now()
	listings, err := ReadAll(ctx, d.opt.Readers)
	catalog := d.opt.Loaded.SKUs()
	if d.opt.Catalog != nil {
		catalog = d.opt.Catalog()
	}
	res := Match(catalog, listings, Options{Site: d.opt.Site})
	c := Check{At: start, Took: time.Since(start)}
	for _, ch := range relay.Channels() {
		if _, ok := listings[ch]; ok {
			c.Channels = append(c.Channels, ch)
		}
	}
	for _, e := range unjoin(err) {
		c.Errors = append(c.Errors, e.Error())
	}
	diff := Compare(Rows(d.opt.Loaded), res.Rows, c.Channels)
	c.Added, c.Removed, c.Changed = len(diff.Added), len(diff.Removed), len(diff.Changed)
	c.Diff = Diff{Added: keep(diff.Added), Removed: keep(diff.Removed), Changed: keep(diff.Changed)}
	for _, r := range res.Report.Channels {
		c.Unknown += len(r.Unknown)
		c.Missing += len(r.Missing)
		c.Duplicates += len(r.Duplicates)
		c.Blank += len(r.Blank)
	}
	d.mu.Lock()
	d.last = &c
	d.mu.Unlock()
	return c
}

// Last is the last check, if one ran.
func (d *Drift) Last() (Check, bool) {
	if d == nil {
		return Check{}, false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.last == nil {
		return Check{}, false
	}
	return *d.last, true
}

func keep[T any](s []T) []T { return slices.Clip(s[:min(len(s), checkKeep)]) }

func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
