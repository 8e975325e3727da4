package scanner

import (
	"context"
	"errors"
)

// session opens and serves the device once. It reports whether the
// connection lasted long enough to reset the backoff.
func (s *Supervisor) session(ctx context.Context, failures int) (stable bool) {
	log := s.cfg.Logger
	dev, err := s.cfg.Open(ctx)
	if err != nil {
		if failures == 0 {
			log.Warn("scanner offline", "err", err)
		} else {
			log.Debug("scanner still offline", "attempt", failures+1, "err", err)
		}
		return false
	}
	opened := s.cfg.Now()
	s.setDevice(dev)
	log.Info("scanner online", "after_failures", failures)
	stop := context.AfterFunc(ctx, func() { _ = dev.Close() })
	err = s.cfg.Serve(ctx, dev)
	stop()
	s.setDevice(nil)
	_ = dev.Close()
	switch {
	case ctx.Err() != nil:
		log.Info("scanner closed for shutdown")
	case errors.Is(err, ErrGone):
		log.Warn("scanner unplugged", "err", err)
	default:
		log.Warn("scanner read failed; reopening", "err", err)
	}
	return s.cfg.Now().Sub(opened) >= s.cfg.Backoff.StableAfter
}

func (s *Supervisor) setDevice(dev Device) {
	s.mu.Lock()
	s.dev = dev
	s.mu.Unlock()
	if s.cfg.OnState != nil {
		s.cfg.OnState(dev != nil)
	}
}
