package floor

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/discover"
	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/workflow"
)

// Deps are what a Floor uses. Catalog, Recorder and Open are required.
type Deps struct {
	Catalog  workflow.Catalog
	Recorder workflow.Recorder
	// Open opens scanners' devices; only cmd/edged touches hardware.
	Open Opener
	// Logger; default discard.
	Logger *slog.Logger
	// Observe, if set, gets every scan's outcome (doctor, metrics).
	Observe func(workflow.Outcome)
	// OnState, if set, hears a scanner going online or offline.
	OnState func(id string, online bool)
	// Root is the filesystem root for discovery; default "/".
	Root string
	// ExtraFeedback, if set, may return another notifier for a station
	// (a feedback.Light on a nearby reader's GPO); it plays every
	// signal after the scanner's own.
	ExtraFeedback func(stationID string) workflow.Notifier
	// Locations, when set, keeps each station's location across restarts.
	Locations workflow.LocationStore
}

// Floor runs every configured station.
type Floor struct {
	cfg   Config
	deps  Deps
	units []*unit
	stop  chan struct{} // closed when Run ends: frames are no longer taken
}

// unit is one scanner and its station.
type unit struct {
	sup    *scanner.Supervisor
	st     *workflow.Station
	frames chan scanner.Frame
}

// New validates cfg and builds the stations; nothing is opened until Run.
func New(cfg Config, d Deps) (*Floor, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	rules, err := workflow.NewRules(cfg.Workflow)
	if err != nil {
		return nil, err
	}
	if d.Open == nil && len(cfg.Scanners) > 0 {
		return nil, errors.New("floor: Deps.Open is required to open the scanners")
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	f := &Floor{cfg: cfg, deps: d, stop: make(chan struct{})}
	for _, sc := range cfg.Scanners {
		u, err := f.newUnit(sc, rules)
		if err != nil {
			return nil, fmt.Errorf("scanner %s: %w", sc.ID, err)
		}
		f.units = append(f.units, u)
	}
	return f, nil
}

func (f *Floor) newUnit(sc ScannerConfig, rules *workflow.Rules) (*unit, error) {
	u := &unit{frames: make(chan scanner.Frame, 64)}
	emit := func(fr scanner.Frame) {
		select {
		case u.frames <- fr:
		case <-f.stop: // shutting down: the station no longer reads
		}
	}
	open, err := f.deps.Open(sc)
	if err != nil {
		return nil, err
	}
	serve, err := Serve(sc, emit, time.Now)
	if err != nil {
		return nil, err
	}
	var onState func(bool)
	if f.deps.OnState != nil {
		onState = func(up bool) { f.deps.OnState(sc.ID, up) }
	}
	u.sup, err = scanner.NewSupervisor(scanner.SupervisorConfig{Name: sc.ID, Open: open, Serve: serve,
		Backoff: sc.Backoff, OnState: onState, Logger: f.deps.Logger})
	if err != nil {
		return nil, err
	}
	u.st = workflow.NewStation(workflow.StationConfig{Name: sc.ID, Rules: rules, Catalog: f.deps.Catalog,
		Recorder: f.deps.Recorder, Feedback: f.notifier(sc, u.sup), Logger: f.deps.Logger, Locations: f.deps.Locations})
	return u, nil
}

// Run serves every scanner until ctx ends, then waits for all of them.
// Call it once.
func (f *Floor) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	defer wg.Wait()
	context.AfterFunc(ctx, func() { close(f.stop) })
	for _, u := range f.units {
		wg.Go(func() { _ = u.sup.Run(ctx) })
		wg.Go(func() { _ = u.st.Run(ctx, u.frames, f.deps.Observe) })
	}
	events := make(chan discover.Uevent, 16)
	if n, err := discover.ListenUevents(); err == nil {
		wg.Go(func() { _ = n.Run(ctx, events) })
	} else {
		f.deps.Logger.Info("no netlink uevents; hot-plug by periodic rescan only", "err", err)
		close(events)
	}
	w := discover.NewWatcher(discover.WatcherConfig{Root: f.deps.Root, Interval: f.cfg.Rescan, Events: events,
		Logger: f.deps.Logger, OnChange: func(added, _ []discover.Candidate) { f.kick(added) }})
	return w.Run(ctx)
}

// kick wakes every offline scanner when a device appears: its by-id
// name may be the one that just came back.
func (f *Floor) kick(added []discover.Candidate) {
	if len(added) == 0 {
		return
	}
	for _, u := range f.units {
		if !u.sup.Online() {
			u.sup.Kick()
		}
	}
}

func (f *Floor) notifier(sc ScannerConfig, port *scanner.Supervisor) workflow.Notifier {
	drv, _ := feedback.New(sc.Feedback) // checked by Validate
	n := feedback.Multi{feedback.NewWriter(port, drv)}
	if f.deps.ExtraFeedback != nil {
		if extra := f.deps.ExtraFeedback(sc.ID); extra != nil {
			n = append(n, extra)
		}
	}
	return n
}
