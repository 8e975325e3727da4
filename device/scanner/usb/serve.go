package usb

import (
	"context"
	"time"

	"github.com/edged/edged/device/scanner"
)

// ServeBoot returns a scanner.SupervisorConfig.Serve for a keyboard
// scanner read as HID boot reports (8 bytes per interrupt transfer):
// key presses become bytes (US layout) framed on Enter. A report that
// cannot be decoded marks its frame bad (scanner.ErrReport/ErrKey).
func ServeBoot(cfg scanner.Config, keys scanner.KeyConfig, emit func(scanner.Frame), now func() time.Time) (func(context.Context, scanner.Device) error, error) {
	if cfg.Terminators == nil {
		cfg.Terminators = [][]byte{scanner.CR}
	}
	if _, err := scanner.NewFramer(cfg, emit); err != nil {
		return nil, err
	}
	return func(ctx context.Context, dev scanner.Device) error {
		return newBootSession(cfg, keys, emit).run(ctx, dev, now)
	}, nil
}

// bootSession is one open device's decoding state.
type bootSession struct {
	framer *scanner.Framer
	keys   *scanner.KeyDecoder
	bad    error // a report error in the current frame
	emit   func(scanner.Frame)
}

func newBootSession(cfg scanner.Config, keys scanner.KeyConfig, emit func(scanner.Frame)) *bootSession {
	b := &bootSession{keys: scanner.NewKeyDecoder(keys), emit: emit}
	b.framer, _ = scanner.NewFramer(cfg, b.frame) // checked by ServeBoot
	return b
}

func (b *bootSession) frame(f scanner.Frame) {
	if b.bad != nil && f.Err == nil {
		f.Err, b.bad = b.bad, nil
	}
	b.emit(f)
}

func (b *bootSession) run(ctx context.Context, dev scanner.Device, now func() time.Time) error {
	buf, out := make([]byte, 64), make([]byte, 0, 8)
	for ctx.Err() == nil {
		n, err := dev.Read(buf)
		t := now()
		if err != nil {
			b.framer.End(t)
			return err
		}
		var derr error
		if out, derr = b.keys.Report(out[:0], buf[:n]); derr != nil && b.bad == nil {
			b.bad = derr
		}
		b.framer.Feed(out, t)
	}
	b.framer.End(now())
	return ctx.Err()
}
