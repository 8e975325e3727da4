// Package sdnotify speaks systemd's notify protocol (sd_notify(3)): one
// datagram per state change to the socket systemd names in
// NOTIFY_SOCKET. The caller reads the environment and passes the socket
// path; an empty path makes every call a no-op, so the daemon runs the
// same outside systemd.
package sdnotify

import (
	"fmt"
	"net"
	"strings"
	"time"
)

// Notifier sends state changes to systemd.
type Notifier struct {
	addr *net.UnixAddr // nil: not under systemd
}

// New returns a notifier for the socket path (NOTIFY_SOCKET); a leading
// '@' names an abstract socket.
func New(socket string) *Notifier {
	if socket == "" {
		return &Notifier{}
	}
	if strings.HasPrefix(socket, "@") {
		socket = "\x00" + socket[1:]
	}
	return &Notifier{addr: &net.UnixAddr{Name: socket, Net: "unixgram"}}
}

// Enabled reports whether a socket was given.
func (n *Notifier) Enabled() bool { return n.addr != nil }

// Send writes one notification, for example "READY=1\nSTATUS=...".
func (n *Notifier) Send(state string) error {
	if n.addr == nil {
		return nil
	}
	conn, err := net.DialUnix("unixgram", nil, n.addr)
	if err != nil {
		return fmt.Errorf("sdnotify: %w", err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(state)); err != nil {
		return fmt.Errorf("sdnotify: %w", err)
	}
	return nil
}

// Ready says start-up is complete, with a status line.
func (n *Notifier) Ready(status string) error { return n.Send("READY=1\nSTATUS=" + status) }

// Status updates the line `systemctl status` shows.
func (n *Notifier) Status(status string) error { return n.Send("STATUS=" + status) }

// Reloading says a configuration reload started; send Ready when done.
func (n *Notifier) Reloading() error {
	return n.Send(fmt.Sprintf("RELOADING=1\nMONOTONIC_USEC=%d", monotonicUsec()))
}

// Stopping says shutdown began.
func (n *Notifier) Stopping() error { return n.Send("STOPPING=1") }

// Watchdog tells systemd the supervision loop is alive.
func (n *Notifier) Watchdog() error { return n.Send("WATCHDOG=1") }

// WatchdogInterval turns WATCHDOG_USEC (and WATCHDOG_PID, which must be
// this process when set) into how often to ping: half the timeout, as
// sd_watchdog_enabled(3) advises. Zero means no watchdog.
func WatchdogInterval(usec, pid string, self int) time.Duration {
	var us, p int64
	if _, err := fmt.Sscan(usec, &us); err != nil || us <= 0 {
		return 0
	}
	if pid != "" {
		if _, err := fmt.Sscan(pid, &p); err != nil || int(p) != self {
			return 0
		}
	}
	return time.Duration(us) * time.Microsecond / 2
}
