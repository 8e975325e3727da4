package usb

import "errors"

// Errors, wrapped with the device and a hint.
var (
	// ErrNotCompiled: this binary was built without the libusb backend.
	ErrNotCompiled = errors.New("usb: USB backend not compiled in; rebuild with -tags gousb and libusb-1.0-0-dev (CGO_ENABLED=1)")
	// ErrNotFound: no device with the VID:PID is attached.
	ErrNotFound = errors.New("usb: no such device")
	// ErrTarget: a Target is malformed.
	ErrTarget = errors.New("usb: invalid target")
)
