package scanner

import (
	"context"
	"time"
)

// FramedServe returns a SupervisorConfig.Serve for byte-stream devices
// (serial, USB-CDC): each connection gets a fresh Framer built from cfg,
// so a frame cut by an unplug ends as ErrIncomplete and never merges
// with bytes sent after the reconnect. now is the clock (time.Now in
// production).
func FramedServe(cfg Config, emit func(Frame), now func() time.Time) (func(context.Context, Device) error, error) {
	if _, err := NewFramer(cfg, emit); err != nil {
		return nil, err
	}
	return func(ctx context.Context, dev Device) error {
		f, err := NewFramer(cfg, emit)
		if err != nil {
			return err
		}
		return f.ConsumeContext(ctx, dev, now)
	}, nil
}
