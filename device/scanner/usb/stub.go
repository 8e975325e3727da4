//go:build !(cgo && linux && gousb)

package usb

import (
	"context"

	"github.com/edged/edged/device/scanner"
)

// Available reports whether the libusb backend is compiled in.
const Available = false

// Open fails with ErrNotCompiled in this build.
func Open(t Target) (scanner.Device, error) {
	return nil, ErrNotCompiled
}

// Opener returns a scanner.SupervisorConfig.Open for t.
func Opener(t Target) func(context.Context) (scanner.Device, error) {
	return func(context.Context) (scanner.Device, error) { return Open(t) }
}
