package floor

import (
	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/device/scanner/serialport"
)

// signals records what a station notified (the station's goroutine
// writes it; the test reads it after Run returned).
type signals struct{ out *[]feedback.Signal }

func (s signals) Notify(sig feedback.Signal) error { *s.out = append(*s.out, sig); return nil }

func recordSignals(out *[]feedback.Signal) signals { return signals{out} }

func scannerModeBad() serialport.Mode { return serialport.Mode{Parity: "sometimes"} }
