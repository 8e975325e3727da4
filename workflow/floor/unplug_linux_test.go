package floor

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/edged/edged/catalog"
	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/workflow"
)

// plugPty creates a pty and points link at it, like udev's by-id link.
func plugPty(t *testing.T, link string) *os.File {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Skip(err)
	}
	t.Cleanup(func() { _ = m.Close() })
	_ = s.Close()
	tmp := link + ".new"
	if err := os.Symlink(s.Name(), tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, link); err != nil {
		t.Fatal(err)
	}
	return m
}

func answer(t *testing.T, m *os.File, data string) string {
	t.Helper()
	_, _ = m.Write([]byte(data + "\r\n"))
	buf := make([]byte, 3)
	if _, err := io.ReadFull(m, buf); err != nil {
		t.Fatal(err)
	}
	return string(buf)
}

// TestUnplugMidScanThenReplug: the cable is pulled in the middle of a
// barcode. The cut frame is rejected (nothing posted), the scanner is
// reopened when it comes back, and the rescan is posted once.
func TestUnplugMidScanThenReplug(t *testing.T) {
	root := t.TempDir()
	byID := filepath.Join(root, "dev/serial/by-id")
	_ = os.MkdirAll(byID, 0o755)
	link := filepath.Join(byID, "usb-Zebra_DS2208-if00")
	cat, _ := catalog.New(catalog.Config{Items: []catalog.Item{{SKU: "MUG-RED", GTINs: []string{"5901234123457"}}}})
	led := ledgertest.Open(t, nil)
	state := make(chan bool, 8)
	var mu sync.Mutex
	var outcomes []workflow.Outcome
	f, err := New(Config{Rescan: 10 * time.Millisecond, Workflow: workflow.Config{DefaultUnitCost: "1.00"},
		Scanners: []ScannerConfig{{ID: "dock-1", Path: link, Feedback: "honeywell", IdleGap: -1}}},
		Deps{Catalog: cat, Recorder: led, Root: root, Open: openSerial, OnState: func(_ string, up bool) { state <- up },
			Observe: func(o workflow.Outcome) { mu.Lock(); outcomes = append(outcomes, o); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	first := plugPty(t, link)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	if !<-state {
		t.Fatal("not online")
	}
	for _, d := range []string{"CMD:RECEIVE", "LOC:A-01-01"} {
		if got := answer(t, first, d); got != "\x1ba," {
			t.Fatalf("%q: %q", d, got)
		}
	}
	_, _ = first.Write([]byte("]E05901234")) // half a barcode, then the cable goes
	time.Sleep(30 * time.Millisecond)        // let the port read it before the hang-up
	_ = first.Close()
	if <-state {
		t.Fatal("still online after unplug")
	}
	second := plugPty(t, link)
	if !<-state {
		t.Fatal("not back online")
	}
	if got := answer(t, second, "]E05901234123457"); got != "\x1b7," {
		t.Fatalf("rescan: %q", got)
	}
	cancel()
	<-done
	bals, _ := led.Balances("MUG-RED", "A-01-01")
	if len(bals) != 1 || bals[0].OnHand != 1 {
		t.Fatalf("balances %+v, want 1 unit", bals)
	}
	mu.Lock()
	defer mu.Unlock()
	cut := outcomes[2]
	if cut.Status != workflow.StatusRejected || !errors.Is(cut.Err, scanner.ErrIncomplete) || cut.FeedbackErr == nil {
		t.Fatalf("cut frame outcome %+v", cut)
	}
}
