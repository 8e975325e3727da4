package evdev

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

// eviocgrab is EVIOCGRAB, _IOW('E', 0x90, int): the same on amd64,
// arm64 and armhf; x/sys/unix does not define it.
const eviocgrab = 0x40044590

// Device is an open, grabbed evdev node.
type Device struct {
	f *os.File
}

// Open opens path (/dev/input/by-id/...-event-kbd) and grabs it.
func Open(path string) (*Device, error) {
	f, err := os.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, openErr(path, err)
	}
	if err := grab(f, 1); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("evdev: grab %s: %w; another program (a desktop, evtest --grab) holds it", path, err)
	}
	return &Device{f: f}, nil
}

// Opener returns a scanner.SupervisorConfig.Open for path.
func Opener(path string) func(context.Context) (scanner.Device, error) {
	return func(context.Context) (scanner.Device, error) { return Open(path) }
}

func grab(f *os.File, on int) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ioErr error
	// The grab flag is the ioctl argument itself, not a pointer to it.
	if err := rc.Control(func(fd uintptr) { ioErr = unix.IoctlSetInt(int(fd), eviocgrab, on) }); err != nil {
		return err
	}
	return ioErr
}

// Read reads input_event records.
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

// Write discards p: a keyboard has no feedback channel.
func (d *Device) Write(p []byte) (int, error) { return len(p), nil }

// Close releases the grab and closes the node; a blocked Read returns.
func (d *Device) Close() error {
	_ = grab(d.f, 0)
	return d.f.Close()
}

func openErr(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%w: open %s: no such device; is the scanner plugged in? (ls -l /dev/input/by-id)", scanner.ErrGone, path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("evdev: open %s: %w; is edged in group input?", path, err)
	}
	return fmt.Errorf("evdev: open %s: %w", path, err)
}
