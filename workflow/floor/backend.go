package floor

import (
	"context"
	"time"

	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/evdev"
	"github.com/edged/edged/device/scanner/hidraw"
	"github.com/edged/edged/device/scanner/usb"
)

// Opener returns how to open the device of a scanner. The daemon's
// (cmd/edged) opens the real ports; tests open pseudo-terminals.
type Opener func(ScannerConfig) (func(context.Context) (scanner.Device, error), error)

// Serve returns how to read frames from an opened scanner of sc's kind;
// emit receives them.
func Serve(sc ScannerConfig, emit func(scanner.Frame), now func() time.Time) (func(context.Context, scanner.Device) error, error) {
	fc, err := sc.framer()
	if err != nil {
		return nil, err
	}
	switch {
	case sc.Kind == "evdev":
		return evdev.Serve(evdev.Config{Framer: fc}, emit, now)
	case sc.Kind == "hidraw", sc.Kind == "usb" && sc.USBProtocol == "pos":
		// A POS interface's interrupt transfer is one report, as from hidraw.
		return hidraw.Serve(hidraw.Config{Scanner: sc.ID}, emit, now)
	case sc.Kind == "usb":
		if fc.Terminators == nil {
			fc.Terminators = [][]byte{scanner.CR}
		}
		return usb.ServeBoot(fc, scanner.KeyConfig{}, emit, now)
	}
	return scanner.FramedServe(fc, emit, now)
}
