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
		var bad error
		f, _ := scanner.NewFramer(cfg, func(fr scanner.Frame) {
			if bad != nil && fr.Err == nil {
				fr.Err, bad = bad, nil
			}
			emit(fr)
		})
		dec := scanner.NewKeyDecoder(keys)
		buf, out := make([]byte, 64), make([]byte, 0, 8)
		for ctx.Err() == nil {
			n, err := dev.Read(buf)
			t := now()
			if err != nil {
				f.End(t)
				return err
			}
			var derr error
			if out, derr = dec.Report(out[:0], buf[:n]); derr != nil && bad == nil {
				bad = derr
			}
			f.Feed(out, t)
		}
		f.End(now())
		return ctx.Err()
	}, nil
}
