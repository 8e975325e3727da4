package serialport

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"go.bug.st/serial"

	"github.com/edged/edged/device/scanner"
)

// Open opens path (a /dev/serial/by-id link, /dev/ttyACM0, a pty) raw
// and exclusive, with the read timeout of m.
func Open(path string, m Mode) (*Port, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	m = m.withDefaults()
	sp, err := serial.Open(path, toSerial(m))
	if err != nil {
		return nil, openErr(path, err)
	}
	if err := sp.SetReadTimeout(m.ReadTimeout); err != nil {
		_ = sp.Close()
		return nil, fmt.Errorf("serialport: %s: set read timeout: %w", path, err)
	}
	return &Port{path: path, rw: sp, isEOF: isPortClosed}, nil
}

// Opener returns a scanner.SupervisorConfig.Open for path.
func Opener(path string, m Mode) func(context.Context) (scanner.Device, error) {
	return func(context.Context) (scanner.Device, error) { return Open(path, m) }
}

func toSerial(m Mode) *serial.Mode {
	parity := map[string]serial.Parity{"": serial.NoParity, "none": serial.NoParity, "odd": serial.OddParity,
		"even": serial.EvenParity, "mark": serial.MarkParity, "space": serial.SpaceParity}[m.Parity]
	stop := serial.OneStopBit
	if m.StopBits == 2 {
		stop = serial.TwoStopBits
	}
	return &serial.Mode{BaudRate: m.Baud, DataBits: m.DataBits, Parity: parity, StopBits: stop}
}

func isPortClosed(err error) bool {
	var pe *serial.PortError
	return errors.As(err, &pe) && pe.Code() == serial.PortClosed
}

// openErr names the problem and the usual fix.
func openErr(path string, err error) error {
	var pe *serial.PortError
	code := serial.PortErrorCode(-1)
	if errors.As(err, &pe) {
		code = pe.Code()
	}
	switch {
	case errors.Is(err, fs.ErrNotExist) || code == serial.PortNotFound:
		return fmt.Errorf("%w: open %s: %v; is the scanner plugged in? (ls -l /dev/serial/by-id)", ErrNotFound, path, err)
	case code == serial.PortBusy || errors.Is(err, syscall.EBUSY):
		return fmt.Errorf("%w: open %s: in use by another process%s; find it with: fuser -v %s", ErrBusy, path, heldBy(path), path)
	case code == serial.PermissionDenied || errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%w: open %s: %v; is edged in group dialout?", ErrPermission, path, err)
	}
	return fmt.Errorf("serialport: open %s: %w", path, err)
}

// heldBy names the processes holding path, if /proc lets us see them.
func heldBy(path string) string {
	hs := Holders("/proc", path)
	if len(hs) == 0 {
		return ""
	}
	names := make([]string, len(hs))
	for i, h := range hs {
		names[i] = h.String()
	}
	return " (" + strings.Join(names, ", ") + ")"
}
