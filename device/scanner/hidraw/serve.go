package hidraw

import (
	"bytes"
	"context"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/scanner"
)

// Config names the scanner and the report layout.
type Config struct {
	// Scanner is the scanner id put in frames.
	Scanner string
	// Layout is the input report layout; the zero value means
	// scanner.DefaultPOSLayout.
	Layout scanner.POSLayout
}

// Serve returns a scanner.SupervisorConfig.Serve that decodes HID POS
// reports and calls emit for each symbol or bad report.
func Serve(cfg Config, emit func(scanner.Frame), now func() time.Time) (func(context.Context, scanner.Device) error, error) {
	if cfg.Layout == (scanner.POSLayout{}) {
		cfg.Layout = scanner.DefaultPOSLayout()
	}
	if _, err := scanner.NewPOSDecoder(cfg.Layout); err != nil {
		return nil, err
	}
	return func(ctx context.Context, dev scanner.Device) error {
		dec, _ := scanner.NewPOSDecoder(cfg.Layout)
		return serve(ctx, cfg, dec, dev, emit, now)
	}, nil
}

func serve(ctx context.Context, cfg Config, dec *scanner.POSDecoder, dev scanner.Device, emit func(scanner.Frame), now func() time.Time) error {
	buf := make([]byte, 4096) // hidraw returns one report per read, up to HID_MAX_BUFFER_SIZE
	var raw []byte
	start := time.Time{}
	for ctx.Err() == nil {
		n, err := dev.Read(buf)
		t := now()
		if err != nil {
			if len(raw) > 0 {
				emit(frame(cfg, raw, nil, start, t, scanner.ErrIncomplete))
			}
			return err
		}
		if len(raw) == 0 {
			start = t
		}
		raw = append(raw, buf[:n]...)
		msg, done, derr := dec.Report(buf[:n])
		if derr != nil || done {
			emit(frame(cfg, raw, msg, start, t, derr))
			raw = raw[:0]
		}
	}
	return ctx.Err()
}

// frame builds a frame whose Raw is the reports as read.
func frame(cfg Config, raw, msg []byte, start, at time.Time, err error) scanner.Frame {
	return scanner.Frame{Scan: device.Scan{Scanner: cfg.Scanner, Data: bytes.Clone(msg), Raw: bytes.Clone(raw), At: at},
		Start: start, Terminated: err == nil, Err: err}
}

// IsBarcodeScanner reports whether a HID report descriptor declares
// usage page 0x8C (Bar Code Scanner) in a Usage Page item of any size
// (05 8C, 06 8C 00, 07 8C 00 00 00). Long items are skipped.
func IsBarcodeScanner(desc []byte) bool {
	for i := 0; i < len(desc); {
		prefix := desc[i]
		if prefix == 0xFE { // long item: FE size tag data...
			if i+1 >= len(desc) {
				return false
			}
			i += 3 + int(desc[i+1])
			continue
		}
		size := [4]int{0, 1, 2, 4}[prefix&0x03]
		if i+size >= len(desc) {
			return false
		}
		if prefix&0xFC == 0x04 && size > 0 && itemValue(desc[i+1:i+1+size]) == 0x8C {
			return true
		}
		i += 1 + size
	}
	return false
}

func itemValue(b []byte) uint32 {
	var v uint32
	for k := len(b) - 1; k >= 0; k-- {
		v = v<<8 | uint32(b[k])
	}
	return v
}
