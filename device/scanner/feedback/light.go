package feedback

import (
	"context"
	"errors"
	"log/slog"
	"time"
)

// GPO drives a reader's general-purpose output (a stack light);
// *llrp.Client is one.
type GPO interface {
	SetGPO(ctx context.Context, port uint16, on bool) error
}

// LightConfig maps signals to GPO ports of a reader near the station.
// Port 0 means no light for that signal.
type LightConfig struct {
	// GoodPort lights on a durable scan (a green lamp).
	GoodPort uint16 `mapstructure:"good_port"`
	// ErrorPort lights on a rejection (a red lamp).
	ErrorPort uint16 `mapstructure:"error_port"`
	// Hold is how long the lamp stays on; default 1 s.
	Hold time.Duration `mapstructure:"hold"`
}

// Light flashes a reader's lamps for signals. Notify never blocks the
// scan path: it queues the signal (dropping it when a backlog is
// already queued) and Run drives the GPO.
type Light struct {
	gpo   GPO
	cfg   LightConfig
	queue chan Signal
	log   *slog.Logger
}

// NewLight returns a Light; call Run to drive it.
func NewLight(gpo GPO, cfg LightConfig, log *slog.Logger) *Light {
	if cfg.Hold <= 0 {
		cfg.Hold = time.Second
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Light{gpo: gpo, cfg: cfg, queue: make(chan Signal, 4), log: log}
}

// Notify queues s for Run.
func (l *Light) Notify(s Signal) error {
	select {
	case l.queue <- s:
	default:
	}
	return nil
}

// Run flashes the lamp for each queued signal until ctx ends, leaving
// the lamp off.
func (l *Light) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case s := <-l.queue:
			l.flash(ctx, l.port(s))
		}
	}
}

func (l *Light) port(s Signal) uint16 {
	switch s {
	case Good:
		return l.cfg.GoodPort
	case Error:
		return l.cfg.ErrorPort
	}
	return 0
}

func (l *Light) flash(ctx context.Context, port uint16) {
	if port == 0 {
		return
	}
	if err := l.gpo.SetGPO(ctx, port, true); err != nil {
		l.log.Debug("light on failed", "port", port, "err", err)
		return
	}
	t := time.NewTimer(l.cfg.Hold)
	select {
	case <-ctx.Done():
	case <-t.C:
	}
	t.Stop()
	// Switch off even at shutdown, with a short context of its own.
	off, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	if err := l.gpo.SetGPO(off, port, false); err != nil {
		l.log.Debug("light off failed", "port", port, "err", err)
	}
}

// Notifier plays a signal; *Writer and *Light are notifiers.
type Notifier interface {
	Notify(s Signal) error
}

// Multi plays every signal on all notifiers (the scanner's beeper and
// a reader's lamp) and joins their errors.
type Multi []Notifier

// Notify notifies each in turn.
func (m Multi) Notify(s Signal) error {
	var errs []error
	for _, n := range m {
		errs = append(errs, n.Notify(s))
	}
	return errors.Join(errs...)
}
