package scanner

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"time"
)

// Device is an open scanner: frames are read from it, feedback is
// written to it. Close must unblock a pending Read.
type Device = io.ReadWriteCloser

// Supervisor keeps one scanner connected: open, serve until the device
// fails, mark it offline, wait (Backoff), reopen. It tells a device that
// vanished (ErrGone, logged as unplugged) from its own close at
// shutdown. It is also the io.Writer for the scanner's feedback: writes
// go to the device open at the time or fail with ErrOffline.
type Supervisor struct {
	cfg SupervisorConfig

	kick chan struct{} // wakes a backoff wait (hot-plug)

	mu  sync.Mutex
	dev Device // nil while offline
}

// SupervisorConfig wires a Supervisor. Open and Serve are required.
type SupervisorConfig struct {
	// Name identifies the scanner in logs.
	Name string
	// Open opens the device; its error should say how to fix it.
	Open func(ctx context.Context) (Device, error)
	// Serve reads from dev until it fails; the Supervisor closes dev
	// when ctx ends, so Serve returns then too.
	Serve func(ctx context.Context, dev Device) error
	// Backoff is the reopen schedule.
	Backoff Backoff
	// OnState, if set, is called with true when the device comes
	// online and false when it goes offline.
	OnState func(online bool)
	// Logger receives one line per state change; default discard.
	Logger *slog.Logger
	// Now is the clock used to judge a stable connection; default
	// time.Now.
	Now func() time.Time
}

// NewSupervisor checks cfg and returns a Supervisor to Run.
func NewSupervisor(cfg SupervisorConfig) (*Supervisor, error) {
	if cfg.Open == nil || cfg.Serve == nil {
		return nil, errors.Join(ErrConfig, errors.New("supervisor needs Open and Serve"))
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.Backoff = cfg.Backoff.withDefaults()
	cfg.Logger = cfg.Logger.With("scanner", cfg.Name)
	return &Supervisor{cfg: cfg, kick: make(chan struct{}, 1)}, nil
}

// Kick cuts the current backoff wait short, so an offline scanner is
// reopened at once; call it when discovery sees a device appear. It
// never blocks.
func (s *Supervisor) Kick() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Write sends p to the open device (feedback), or fails with ErrOffline.
func (s *Supervisor) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dev == nil {
		return 0, ErrOffline
	}
	return s.dev.Write(p)
}

// Online reports whether the device is open.
func (s *Supervisor) Online() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dev != nil
}

// Run keeps the device served until ctx ends, then closes it and
// returns nil. It never gives up on a device that keeps failing.
func (s *Supervisor) Run(ctx context.Context) error {
	failures := 0
	for ctx.Err() == nil {
		stable := s.session(ctx, failures)
		if ctx.Err() != nil {
			return nil
		}
		if stable {
			failures = 0
		}
		if !s.wait(ctx, jittered(s.cfg.Backoff.Delay(failures))) {
			return nil
		}
		failures++
	}
	return nil
}

// wait sleeps d, or less when kicked; false means ctx ended.
func (s *Supervisor) wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
	case <-s.kick:
	}
	return true
}
