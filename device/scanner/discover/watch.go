package discover

import (
	"context"
	"log/slog"
	"time"
)

// WatcherConfig configures a Watcher. OnChange is required.
type WatcherConfig struct {
	// Root is the filesystem root; default "/".
	Root string
	// Interval is the fallback rescan period; default 2 s.
	Interval time.Duration
	// Events, if set, triggers a rescan on every relevant uevent (see
	// Netlink.Run); the periodic rescan covers lost events.
	Events <-chan Uevent
	// OnChange is called from Run with the candidates that appeared and
	// disappeared since the previous scan (the first scan adds all).
	OnChange func(added, removed []Candidate)
	// Logger; default discard.
	Logger *slog.Logger
}

// DefaultInterval is WatcherConfig.Interval's default.
const DefaultInterval = 2 * time.Second

// Watcher tracks the set of candidates.
type Watcher struct {
	cfg  WatcherConfig
	seen map[Candidate]bool
}

// NewWatcher fills in defaults.
func NewWatcher(cfg WatcherConfig) *Watcher {
	if cfg.Root == "" {
		cfg.Root = "/"
	}
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Watcher{cfg: cfg, seen: map[Candidate]bool{}}
}

// Run scans at once, then on every relevant event and every Interval,
// until ctx ends.
func (w *Watcher) Run(ctx context.Context) error {
	tick := time.NewTicker(w.cfg.Interval)
	defer tick.Stop()
	events := w.cfg.Events
	for {
		w.rescan()
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		case u, ok := <-events:
			if !ok {
				events = nil // the listener stopped; keep polling
				continue
			}
			w.cfg.Logger.Debug("uevent", "action", u.Action, "subsystem", u.Subsystem, "devname", u.DevName)
		}
	}
}

func (w *Watcher) rescan() {
	cands, err := Scan(w.cfg.Root)
	if err != nil {
		w.cfg.Logger.Warn("scanner discovery", "err", err)
	}
	now := make(map[Candidate]bool, len(cands))
	var added, removed []Candidate
	for _, c := range cands {
		now[c] = true
		if !w.seen[c] {
			added = append(added, c)
		}
	}
	for c := range w.seen {
		if !now[c] {
			removed = append(removed, c)
		}
	}
	w.seen = now
	if len(added)+len(removed) > 0 {
		w.cfg.OnChange(added, removed)
	}
}
