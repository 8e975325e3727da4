package serialport

import (
	"errors"
	"fmt"
	"time"
)

// Mode is the line setting of a serial scanner. The zero value is
// 9600 8N1 with a 10 ms read timeout, the common factory default
// (USB-CDC scanners ignore the speed).
type Mode struct {
	// Baud is the speed; 0 means 9600.
	Baud int `mapstructure:"baud"`
	// DataBits is 5 to 8; 0 means 8.
	DataBits int `mapstructure:"data_bits"`
	// Parity is "none" (or empty), "odd", "even", "mark" or "space".
	Parity string `mapstructure:"parity"`
	// StopBits is 1 or 2; 0 means 1.
	StopBits int `mapstructure:"stop_bits"`
	// ReadTimeout bounds each Read so the framer sees idle gaps; 0
	// means 10 ms. Keep it well under the framer's idle gap.
	ReadTimeout time.Duration `mapstructure:"read_timeout"`
}

// DefaultReadTimeout is Mode.ReadTimeout's default.
const DefaultReadTimeout = 10 * time.Millisecond

// Validate returns every bad field, each with its name.
func (m Mode) Validate() error {
	var errs []error
	bad := func(field string, v any, want string) {
		errs = append(errs, fmt.Errorf("%w: %s %v: %s", ErrMode, field, v, want))
	}
	if m.Baud < 0 || m.Baud > 4_000_000 {
		bad("baud", m.Baud, "must be 0 (9600) to 4000000")
	}
	if m.DataBits != 0 && (m.DataBits < 5 || m.DataBits > 8) {
		bad("data_bits", m.DataBits, "must be 5 to 8")
	}
	switch m.Parity {
	case "", "none", "odd", "even", "mark", "space":
	default:
		bad("parity", m.Parity, "must be none, odd, even, mark or space")
	}
	if m.StopBits < 0 || m.StopBits > 2 {
		bad("stop_bits", m.StopBits, "must be 1 or 2")
	}
	if m.ReadTimeout < 0 || m.ReadTimeout > time.Second {
		bad("read_timeout", m.ReadTimeout, "must be 0 (10ms) to 1s")
	}
	return errors.Join(errs...)
}

func (m Mode) withDefaults() Mode {
	if m.Baud == 0 {
		m.Baud = 9600
	}
	if m.DataBits == 0 {
		m.DataBits = 8
	}
	if m.StopBits == 0 {
		m.StopBits = 1
	}
	if m.ReadTimeout == 0 {
		m.ReadTimeout = DefaultReadTimeout
	}
	return m
}
