// Package usb reads barcode scanners through libusb (github.com/google/
// gousb v1.1.3) for the cases evdev and hidraw cannot serve: vendor
// interfaces, or a keyboard-mode scanner on a kernel without evdev.
//
// # Build tag
//
// The libusb backend needs cgo and libusb-1.0. It is compiled only with
//
//	CGO_ENABLED=1 go build -tags gousb ./cmd/edged   # apt-get install libusb-1.0-0-dev
//
// (files with //go:build cgo && linux && gousb). Every other build,
// including the default CGO_ENABLED=0 static one, gets a stub whose Open
// returns ErrNotCompiled, saying how to rebuild; Available tells which
// one is in. cgo binaries built on Debian 12 need glibc 2.34.
//
// Claiming an interface detaches its kernel driver (auto-detach), and
// libusb detaches every interface of the configuration, so a composite
// scanner's other personalities (CDC, keyboard) disappear while it is
// open. Prefer serialport, evdev or hidraw where the scanner offers them.
//
// The report decoding is the same pure Go as the other backends:
// ServeBoot frames HID boot keyboard reports, and package hidraw's Serve
// joins HID POS reports (each USB interrupt transfer is one report).
package usb
