//go:build cgo && linux && gousb

package usb

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/google/gousb"

	"github.com/edged/edged/device/scanner"
)

// Available reports whether the libusb backend is compiled in.
const Available = true

// device is one claimed interface and its interrupt IN endpoint.
type device struct {
	target Target
	uctx   *gousb.Context
	dev    *gousb.Device
	cfg    *gousb.Config
	intf   *gousb.Interface
	in     *gousb.InEndpoint
	rctx   context.Context
	cancel context.CancelFunc
	closed atomic.Bool
}

// Opener returns a scanner.SupervisorConfig.Open for t.
func Opener(t Target) func(context.Context) (scanner.Device, error) {
	return func(context.Context) (scanner.Device, error) { return Open(t) }
}

// Open finds the device, detaches the kernel driver and claims the
// interface. Close releases everything in the order libusb requires.
func Open(t Target) (scanner.Device, error) {
	uctx, err := newContext()
	if err != nil {
		return nil, err
	}
	d := &device{target: t, uctx: uctx}
	d.rctx, d.cancel = context.WithCancel(context.Background())
	if err := d.claim(); err != nil {
		_ = d.Close()
		return nil, err
	}
	return d, nil
}

// newContext turns gousb's panic on a failed libusb_init into an error.
func newContext() (c *gousb.Context, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("usb: libusb init: %v", r)
		}
	}()
	return gousb.NewContext(), nil
}

func (d *device) claim() error {
	t := d.target
	dev, err := d.uctx.OpenDeviceWithVIDPID(gousb.ID(t.VID), gousb.ID(t.PID))
	if err != nil {
		return fmt.Errorf("usb: open %s: %w; is edged allowed to use /dev/bus/usb (udev rule)?", t, err)
	}
	if dev == nil { // gousb returns nil, nil when nothing matches
		return fmt.Errorf("%w: %s; is it plugged in and in the expected USB mode?", ErrNotFound, t)
	}
	d.dev = dev
	if err := dev.SetAutoDetach(true); err != nil {
		return fmt.Errorf("usb: %s: auto-detach: %w", t, err)
	}
	num, err := dev.ActiveConfigNum()
	if err == nil {
		d.cfg, err = dev.Config(num)
	}
	if err == nil {
		d.intf, err = d.cfg.Interface(t.Interface, t.Alt)
	}
	if err == nil {
		d.in, err = d.intf.InEndpoint(t.endpoint())
	}
	if err != nil {
		return fmt.Errorf("usb: claim %s: %w", t, err)
	}
	return nil
}

// Read waits for one interrupt transfer (one report).
func (d *device) Read(p []byte) (int, error) {
	n, err := d.in.ReadContext(d.rctx, p)
	switch {
	case err == nil:
	case d.closed.Load():
		err = fmt.Errorf("%s: %w", d.target, scanner.ErrClosed)
	case errors.Is(err, gousb.ErrorNoDevice) || errors.Is(err, gousb.TransferNoDevice):
		err = fmt.Errorf("%s: %w: %v", d.target, scanner.ErrGone, err)
	}
	return n, err
}

// Write discards p: keyboard and POS interfaces take no feedback here.
func (d *device) Write(p []byte) (int, error) { return len(p), nil }

// Close cancels a pending read and releases interface, config, device
// and context, in that order.
func (d *device) Close() error {
	if d.closed.Swap(true) {
		return nil
	}
	d.cancel()
	if d.intf != nil {
		d.intf.Close()
	}
	var errs []error
	if d.cfg != nil {
		errs = append(errs, d.cfg.Close())
	}
	if d.dev != nil {
		errs = append(errs, d.dev.Close())
	}
	errs = append(errs, d.uctx.Close())
	return errors.Join(errs...)
}

func (t Target) endpoint() int {
	if t.Endpoint == 0 {
		return 1
	}
	return t.Endpoint
}
