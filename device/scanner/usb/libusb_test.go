//go:build cgo && linux && gousb

package usb

import (
	"errors"
	"testing"
)

// TestLibusbMissingDevice: with the backend compiled in, a device that
// is not attached is ErrNotFound (CI machines have no USB devices).
func TestLibusbMissingDevice(t *testing.T) {
	if !Available {
		t.Fatal("tagged build without the backend")
	}
	_, err := Open(Target{VID: 0xffff, PID: 0xfffe})
	if !errors.Is(err, ErrNotFound) {
		t.Skipf("libusb not usable here: %v", err)
	}
}
