package floor

import (
	"context"
	"time"

	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/evdev"
	"github.com/edged/edged/device/scanner/hidraw"
	"github.com/edged/edged/device/scanner/serialport"
	"github.com/edged/edged/device/scanner/usb"
)

// Backend returns how to open and serve one scanner of sc's kind;
// emit receives its frames.
func Backend(sc ScannerConfig, emit func(scanner.Frame), now func() time.Time) (
	open func(context.Context) (scanner.Device, error), serve func(context.Context, scanner.Device) error, err error) {
	fc, err := sc.framer()
	if err != nil {
		return nil, nil, err
	}
	switch sc.Kind {
	case "evdev":
		serve, err = evdev.Serve(evdev.Config{Framer: fc}, emit, now)
		return evdev.Opener(sc.Path), serve, err
	case "hidraw":
		serve, err = hidraw.Serve(hidraw.Config{Scanner: sc.ID}, emit, now)
		return hidraw.Opener(sc.Path), serve, err
	case "usb":
		t, err := usb.ParseTarget(sc.Path)
		if err != nil {
			return nil, nil, err
		}
		if sc.USBProtocol == "pos" { // one interrupt transfer is one report, as from hidraw
			serve, err = hidraw.Serve(hidraw.Config{Scanner: sc.ID}, emit, now)
			return usb.Opener(t), serve, err
		}
		if fc.Terminators == nil {
			fc.Terminators = [][]byte{scanner.CR}
		}
		serve, err = usb.ServeBoot(fc, scanner.KeyConfig{}, emit, now)
		return usb.Opener(t), serve, err
	}
	serve, err = scanner.FramedServe(fc, emit, now)
	return serialport.Opener(sc.Path, sc.Serial), serve, err
}
