package discover

import (
	"context"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// Netlink receives kernel uevents (group 1). It needs no privilege; a
// unit with RestrictAddressFamilies must allow AF_NETLINK.
type Netlink struct {
	f   *os.File
	buf []byte
}

// ListenUevents opens the uevent socket.
func ListenUevents() (*Netlink, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, unix.NETLINK_KOBJECT_UEVENT)
	if err != nil {
		return nil, fmt.Errorf("discover: netlink socket: %w (is AF_NETLINK allowed by the unit?)", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK, Groups: 1}); err != nil {
		_ = unix.Close(fd)
		return nil, fmt.Errorf("discover: netlink bind: %w", err)
	}
	// A non-blocking fd joins Go's poller, so Close unblocks Read.
	return &Netlink{f: os.NewFile(uintptr(fd), "uevent"), buf: make([]byte, 64<<10)}, nil
}

// Read returns the next kernel uevent, skipping malformed messages.
func (n *Netlink) Read() (Uevent, error) {
	for {
		k, err := n.f.Read(n.buf)
		if err != nil {
			return Uevent{}, err
		}
		if u, err := ParseUevent(n.buf[:k]); err == nil {
			return u, nil
		}
	}
}

// Close stops the socket; a blocked Read returns.
func (n *Netlink) Close() error { return n.f.Close() }

// Run sends relevant events to out until ctx ends, then closes n and
// out.
func (n *Netlink) Run(ctx context.Context, out chan<- Uevent) error {
	defer close(out)
	stop := context.AfterFunc(ctx, func() { _ = n.Close() })
	defer stop()
	for {
		u, err := n.Read()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("discover: read uevent: %w", err)
		}
		if !u.Relevant() {
			continue
		}
		select {
		case out <- u:
		case <-ctx.Done():
			return nil
		}
	}
}
