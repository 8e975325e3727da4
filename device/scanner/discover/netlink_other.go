//go:build !linux

package discover

import (
	"context"
	"errors"
)

// Netlink is Linux-only.
type Netlink struct{}

// ListenUevents is Linux-only; Watcher falls back to periodic scans.
func ListenUevents() (*Netlink, error) {
	return nil, errors.ErrUnsupported
}

// Read is Linux-only.
func (n *Netlink) Read() (Uevent, error) { return Uevent{}, errors.ErrUnsupported }

// Close does nothing.
func (n *Netlink) Close() error { return nil }

// Run closes out at once.
func (n *Netlink) Run(ctx context.Context, out chan<- Uevent) error {
	close(out)
	return errors.ErrUnsupported
}
