package floor

import (
	"context"

	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/device/scanner/serialport"
)

// openSerial opens the tests' pseudo-terminals as serial scanners.
func openSerial(sc ScannerConfig) (func(context.Context) (scanner.Device, error), error) {
	return serialport.Opener(sc.Path, sc.Serial), nil
}

// signals records what a station notified (the station's goroutine
// writes it; the test reads it after Run returned).
type signals struct{ out *[]feedback.Signal }

func (s signals) Notify(sig feedback.Signal) error { *s.out = append(*s.out, sig); return nil }

func recordSignals(out *[]feedback.Signal) signals { return signals{out} }

func scannerModeBad() serialport.Mode { return serialport.Mode{Parity: "sometimes"} }
