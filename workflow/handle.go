package workflow

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"

	"github.com/edged/edged/device/scanner"
)

// Handle processes one frame: classify it, update the station, post an
// event when the scan completes a movement, then play feedback: Good
// only once the ledger has the event durably, Error for every
// rejection, Ack for a state change. Nothing is posted for a rejected
// scan.
func (s *Station) Handle(ctx context.Context, f scanner.Frame) Outcome {
	o := Outcome{Station: s.name, Data: string(f.Data), At: f.At}
	if f.Err != nil {
		o.Data = string(f.Raw)
		s.reject(&o, fmt.Errorf("%w: %w", ErrBadScan, f.Err))
		return s.finish(&o)
	}
	o.Reset = s.idleReset(f)
	if s.debounced(f) {
		o.Status = StatusDebounced
		return o
	}
	o.Token = s.rules.class.classify(f.Data, &s.dec)
	if s.retry != nil && s.retryData == string(f.Data) {
		s.repost(ctx, &o) // the worker rescans after a ledger failure
	} else {
		s.retry = nil
		s.apply(ctx, f, &o)
	}
	if errors.Is(o.Err, ErrRecord) {
		s.retryData = string(f.Data)
	}
	s.st.activity = f.At
	s.remember()
	return s.finish(&o)
}

func (s *Station) apply(ctx context.Context, f scanner.Frame, o *Outcome) {
	switch o.Token.Kind {
	case KindCommand:
		s.command(ctx, f, o)
	case KindLocation:
		s.location(ctx, f, o)
	case KindQuantity:
		s.quantity(o)
	case KindOrder:
		s.order(o)
	case KindUser:
		s.setText(o, &s.st.user, "badge")
	case KindLPN:
		s.setText(o, &s.st.lpn, "licence plate")
	case KindCount:
		s.countSession(o)
	default:
		s.item(ctx, f, o)
	}
}

func (s *Station) idleReset(f scanner.Frame) bool {
	idle := s.rules.cfg.IdleReset
	if idle < 0 || s.st.activity.IsZero() || f.At.Sub(s.st.activity) < idle {
		return false
	}
	s.log.Info("idle reset", "idle", f.At.Sub(s.st.activity), "mode", s.st.mode)
	s.st.reset(s.rules.mode)
	return true
}

// debounced drops the same data in the same mode within the window.
func (s *Station) debounced(f scanner.Frame) bool {
	win := s.rules.cfg.Debounce
	if d, ok := s.rules.cfg.DebounceByMode[s.st.mode.String()]; ok {
		win = d
	}
	prev := s.last
	s.last = lastScan{data: string(f.Data), mode: s.st.mode, at: f.At}
	if win > 0 && prev.data == string(f.Data) && prev.mode == s.st.mode && f.At.Sub(prev.at) < win {
		s.last = prev // measure the window from the first scan
		return true
	}
	return false
}

func (s *Station) finish(o *Outcome) Outcome {
	if o.Status == StatusRejected {
		s.log.Info("scan rejected", "data", fmt.Sprintf("%q", o.Data), "err", o.Err)
	}
	o.Signal = o.signal()
	if o.Signal != 0 {
		if err := s.fb.Notify(o.Signal); err != nil {
			o.FeedbackErr = err
			s.log.Warn("feedback failed", "signal", o.Signal, "err", err)
		}
	}
	return *o
}

func (s *Station) reject(o *Outcome, err error) {
	o.Status, o.Err = StatusRejected, err
}

func (s *Station) changed(o *Outcome) { o.Status = StatusChanged }

// eventID is deterministic per frame (station, completion time, raw
// bytes), so re-posting the same frame is a duplicate, never a second
// movement.
func (s *Station) eventID(f scanner.Frame) string {
	h := fnv.New64a()
	_, _ = h.Write(f.Raw)
	name := s.name
	if len(name) > 64 {
		name = name[:64]
	}
	return fmt.Sprintf("%s:%x:%016x", name, f.At.UnixNano(), h.Sum64())
}
