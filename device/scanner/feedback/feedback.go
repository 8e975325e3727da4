package feedback

import (
	"fmt"
	"io"
)

// Signal is what the worker should hear.
type Signal int

// Signals.
const (
	// Good: the scan was recorded durably.
	Good Signal = iota + 1
	// Error: the scan was rejected; nothing was recorded.
	Error
	// Ack: a command changed the station's state (mode, location, ...).
	Ack
)

func (s Signal) String() string {
	switch s {
	case Good:
		return "good"
	case Error:
		return "error"
	case Ack:
		return "ack"
	}
	return fmt.Sprintf("signal(%d)", int(s))
}

// Driver encodes signals for one scanner protocol.
type Driver interface {
	// Append appends the bytes for s to dst.
	Append(dst []byte, s Signal) []byte
}

// Names lists the driver names New accepts.
func Names() []string { return []string{"none", "bel", "zebra-ssi", "honeywell", "datalogic"} }

// New returns the driver called name; "" means none.
func New(name string) (Driver, error) {
	switch name {
	case "", "none":
		return None{}, nil
	case "bel":
		return BEL{}, nil
	case "zebra-ssi":
		return ZebraSSI{}, nil
	case "honeywell":
		return Honeywell{}, nil
	case "datalogic":
		return Datalogic{}, nil
	}
	return nil, fmt.Errorf("%w %q; use one of %v", ErrUnknownDriver, name, Names())
}

// Writer sends signals to a scanner.
type Writer struct {
	w   io.Writer
	d   Driver
	buf []byte
}

// NewWriter returns a Writer that encodes with d and writes to w.
func NewWriter(w io.Writer, d Driver) *Writer { return &Writer{w: w, d: d} }

// Notify writes the bytes for s in one Write. Not safe for concurrent use.
func (w *Writer) Notify(s Signal) error {
	w.buf = w.d.Append(w.buf[:0], s)
	if len(w.buf) == 0 {
		return nil
	}
	if _, err := w.w.Write(w.buf); err != nil {
		return fmt.Errorf("feedback %s: %w", s, err)
	}
	return nil
}
