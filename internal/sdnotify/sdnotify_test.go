package sdnotify

import (
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// listen opens a real datagram socket standing in for systemd.
func listen(t *testing.T) (string, *net.UnixConn) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "notify.sock")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return path, conn
}

func recv(t *testing.T, conn *net.UnixConn) string {
	t.Helper()
	buf := make([]byte, 1024)
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, err := conn.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	return string(buf[:n])
}

func TestNotifications(t *testing.T) {
	path, conn := listen(t)
	n := New(path)
	for _, c := range []struct {
		send func() error
		want string
	}{
		{func() error { return n.Ready("2 scanners online") }, "READY=1\nSTATUS=2 scanners online"},
		{n.Watchdog, "WATCHDOG=1"},
		{n.Reloading, "RELOADING=1\nMONOTONIC_USEC="},
		{n.Stopping, "STOPPING=1"},
	} {
		if err := c.send(); err != nil {
			t.Fatal(err)
		}
		if got := recv(t, conn); !strings.HasPrefix(got, c.want) {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestOutsideSystemdIsSilent(t *testing.T) {
	n := New("")
	if n.Enabled() || n.Ready("x") != nil || n.Watchdog() != nil {
		t.Fatal("a notifier without a socket must do nothing")
	}
}

func TestWatchdogInterval(t *testing.T) {
	for _, c := range []struct {
		usec, pid string
		want      time.Duration
	}{
		{"30000000", "", 15 * time.Second},
		{"30000000", "42", 15 * time.Second},
		{"30000000", "41", 0},
		{"", "", 0},
		{"junk", "", 0},
	} {
		if got := WatchdogInterval(c.usec, c.pid, 42); got != c.want {
			t.Errorf("%+v: got %v", c, got)
		}
	}
}
