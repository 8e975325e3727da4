//go:build linux

package serialport

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/edged/edged/device/scanner"
)

// fakeScanner is the scanner side of a pty: writes reach the port.
type fakeScanner struct {
	master *os.File
	slave  string
}

func newFakeScanner(t *testing.T) *fakeScanner {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	name := s.Name()
	_ = s.Close() // the port opens its own fd; the pty lives while the master is open
	t.Cleanup(func() { _ = m.Close() })
	return &fakeScanner{master: m, slave: name}
}

// link makes a stable name for the pty, like /dev/serial/by-id.
func link(t *testing.T, dir, target string) string {
	t.Helper()
	p := filepath.Join(dir, "usb-Zebra_Symbol_DS2208-if00")
	tmp := p + ".new"
	_ = os.Remove(tmp)
	if err := os.Symlink(target, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
	return p
}

// logs records the messages a component logs.
type logs struct {
	mu   sync.Mutex
	msgs []string
	seen chan string
}

func newLogs() *logs { return &logs{seen: make(chan string, 100)} }

func (l *logs) Enabled(context.Context, slog.Level) bool { return true }
func (l *logs) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logs) WithGroup(string) slog.Handler            { return l }
func (l *logs) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	l.msgs = append(l.msgs, r.Message)
	l.mu.Unlock()
	l.seen <- r.Message
	return nil
}

func (l *logs) count(msg string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, m := range l.msgs {
		if m == msg {
			n++
		}
	}
	return n
}

// waitLog waits for msg; the generous bound only stops a hung test.
func (l *logs) waitLog(t *testing.T, msg string) {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case m := <-l.seen:
			if m == msg {
				return
			}
		case <-timeout:
			l.mu.Lock()
			defer l.mu.Unlock()
			t.Fatalf("no %q log; got %q", msg, slices.Clone(l.msgs))
		}
	}
}

func waitFrame(t *testing.T, frames <-chan scanner.Frame) scanner.Frame {
	t.Helper()
	select {
	case f := <-frames:
		return f
	case <-time.After(20 * time.Second):
		t.Fatal("no frame")
	}
	return scanner.Frame{}
}
