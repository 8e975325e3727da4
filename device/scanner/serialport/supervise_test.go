//go:build linux

package serialport

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/edged/edged/device/scanner"
)

type supervised struct {
	sup    *scanner.Supervisor
	frames chan scanner.Frame
	logs   *logs
	done   chan error
	cancel context.CancelFunc
}

func supervise(t *testing.T, path string) *supervised {
	t.Helper()
	s := &supervised{frames: make(chan scanner.Frame, 16), logs: newLogs(), done: make(chan error, 1)}
	serve, err := scanner.FramedServe(scanner.Config{Scanner: "dock-1", IdleGap: -1},
		func(f scanner.Frame) { s.frames <- f }, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	s.sup, err = scanner.NewSupervisor(scanner.SupervisorConfig{Name: "dock-1", Open: Opener(path, Mode{}),
		Serve: serve, Backoff: scanner.Backoff{Min: time.Millisecond, Max: 5 * time.Millisecond},
		Logger: slog.New(s.logs)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	s.cancel = cancel
	go func() { s.done <- s.sup.Run(ctx) }()
	return s
}

func (s *supervised) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	if err := <-s.done; err != nil {
		t.Fatalf("Run: %v", err)
	}
}

// TestUnplugMidFrameThenReplug: the master closes (cable pulled) during a
// frame. The partial frame is reported incomplete, the supervisor logs an
// unplug, and when a scanner appears again at the same by-id name it is
// reopened and framed from a clean state.
func TestUnplugMidFrameThenReplug(t *testing.T) {
	dir := t.TempDir()
	first := newFakeScanner(t)
	path := link(t, dir, first.slave)
	s := supervise(t, path)
	s.logs.waitLog(t, "scanner online")
	_, _ = first.master.Write([]byte("]E05901234"))
	time.Sleep(20 * time.Millisecond) // let the port read the partial frame
	_ = first.master.Close()
	if f := waitFrame(t, s.frames); !errors.Is(f.Err, scanner.ErrIncomplete) || string(f.Raw) != "]E05901234" {
		t.Fatalf("partial frame %q err %v", f.Raw, f.Err)
	}
	s.logs.waitLog(t, "scanner unplugged")

	second := newFakeScanner(t)
	link(t, dir, second.slave)
	s.logs.waitLog(t, "scanner online")
	_, _ = second.master.Write([]byte("]E05901234123457\r\n"))
	if f := waitFrame(t, s.frames); f.Err != nil || string(f.Data) != "]E05901234123457" {
		t.Fatalf("frame after replug %q err %v", f.Data, f.Err)
	}
	s.stop(t)
	if n := s.logs.count("scanner unplugged"); n != 1 {
		t.Fatalf("%d unplug logs; shutdown must not count as an unplug", n)
	}
	if s.logs.count("scanner closed for shutdown") != 1 {
		t.Fatal("shutdown not logged as our own close")
	}
}

func TestFeedbackReachesScannerOnlyWhileOnline(t *testing.T) {
	fs := newFakeScanner(t)
	s := supervise(t, fs.slave)
	s.logs.waitLog(t, "scanner online")
	if _, err := s.sup.Write([]byte{0x1b, '7', ','}); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 8)
	n, err := fs.master.Read(buf)
	if err != nil || !bytes.Equal(buf[:n], []byte("\x1b7,")) {
		t.Fatalf("scanner got %q, %v", buf[:n], err)
	}
	s.stop(t)
	if _, err := s.sup.Write([]byte{7}); !errors.Is(err, scanner.ErrOffline) {
		t.Fatalf("write while offline: %v", err)
	}
}

func TestMissingPortIsRetriedUntilItAppears(t *testing.T) {
	dir := t.TempDir()
	s := supervise(t, dir+"/usb-Zebra_Symbol_DS2208-if00")
	s.logs.waitLog(t, "scanner offline")
	fs := newFakeScanner(t)
	link(t, dir, fs.slave)
	s.logs.waitLog(t, "scanner online")
	s.stop(t)
}
