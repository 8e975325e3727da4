package hidraw

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/edged/edged/device/scanner"
)

// Device is an open hidraw node of a HID POS scanner.
type Device struct {
	f *os.File
}

// Open opens path (/dev/hidrawN) and checks its report descriptor
// declares a barcode scanner (usage page 0x8C).
func Open(path string) (*Device, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, openErr(path, err)
	}
	desc, err := descriptor(f)
	if err == nil && !IsBarcodeScanner(desc) {
		err = errors.New("not a HID POS barcode scanner (no usage page 0x8C); set the scanner to HID POS mode or use evdev for keyboard mode")
	}
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("hidraw: %s: %w", path, err)
	}
	return &Device{f: f}, nil
}

// Opener returns a scanner.SupervisorConfig.Open for path.
func Opener(path string) func(context.Context) (scanner.Device, error) {
	return func(context.Context) (scanner.Device, error) { return Open(path) }
}

func descriptor(f *os.File) ([]byte, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	var d unix.HIDRawReportDescriptor
	var ioErr error
	err = rc.Control(func(fd uintptr) {
		var size int
		if size, ioErr = unix.IoctlGetInt(int(fd), unix.HIDIOCGRDESCSIZE); ioErr == nil {
			d.Size = uint32(min(size, len(d.Value)))
			ioErr = unix.IoctlHIDGetDesc(int(fd), &d)
		}
	})
	if err = errors.Join(err, ioErr); err != nil {
		return nil, fmt.Errorf("read report descriptor: %w", err)
	}
	return d.Value[:d.Size], nil
}

// Read reads one input report.
func (d *Device) Read(p []byte) (int, error) {
	n, err := d.f.Read(p)
	switch {
	case err == nil:
	case errors.Is(err, os.ErrClosed):
		err = fmt.Errorf("%s: %w", d.f.Name(), scanner.ErrClosed)
	case errors.Is(err, syscall.ENODEV) || errors.Is(err, syscall.EIO):
		err = fmt.Errorf("%s: %w: %v", d.f.Name(), scanner.ErrGone, err)
	}
	return n, err
}

// Write sends an output report (vendor beeper/LED reports, if any).
func (d *Device) Write(p []byte) (int, error) { return d.f.Write(p) }

// Close closes the node; a blocked Read returns.
func (d *Device) Close() error { return d.f.Close() }

func openErr(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%w: open %s: no such device; is the scanner plugged in and in HID POS mode?", scanner.ErrGone, path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("hidraw: open %s: %w; hidraw nodes are root-only by default: install the edged udev rule", path, err)
	}
	return fmt.Errorf("hidraw: open %s: %w", path, err)
}
