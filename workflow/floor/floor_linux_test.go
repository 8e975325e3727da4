package floor

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/edged/edged/catalog"
	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/workflow"
)

// TestFloorHotPlugAndScan: the configured by-id name does not exist yet
// and the backoff is a minute; when the scanner appears, discovery
// kicks the supervisor, and scans become ledger events with Host ACK
// answers.
func TestFloorHotPlugAndScan(t *testing.T) {
	root := t.TempDir()
	byID := filepath.Join(root, "dev/serial/by-id")
	if err := os.MkdirAll(byID, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(byID, "usb-Honeywell_1900-if00")
	cat, _ := catalog.New(catalog.Config{Items: []catalog.Item{{SKU: "MUG-RED", GTINs: []string{"5901234123457"}}}})
	led := ledgertest.Open(t, nil)
	online := make(chan bool, 8)
	var extra []feedback.Signal
	f, err := New(Config{Rescan: 10 * time.Millisecond,
		Workflow: workflow.Config{DefaultUnitCost: "1.00"},
		Scanners: []ScannerConfig{{ID: "dock-1", Path: link, Feedback: "honeywell",
			Backoff: scanner.Backoff{Min: time.Minute, Max: time.Minute}}}},
		Deps{Catalog: cat, Recorder: led, Root: root, Open: openSerial, OnState: func(_ string, up bool) { online <- up },
			ExtraFeedback: func(string) workflow.Notifier { return recordSignals(&extra) }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	defer func() { cancel(); <-done }()

	master, slave, err := pty.Open()
	if err != nil {
		t.Skip(err)
	}
	defer master.Close()
	_ = slave.Close()
	if err := os.Symlink(slave.Name(), link); err != nil {
		t.Fatal(err)
	}
	if !<-online {
		t.Fatal("not online")
	}
	for _, s := range []struct{ data, want string }{
		{"CMD:RECEIVE", "\x1ba,"}, {"LOC:A-01-01", "\x1ba,"}, {"]E05901234123457", "\x1b7,"}, {"]E0nonsense", "\x1b8,"},
	} {
		_, _ = master.Write([]byte(s.data + "\r"))
		buf := make([]byte, 3)
		if _, err := io.ReadFull(master, buf); err != nil || string(buf) != s.want {
			t.Fatalf("%q: got %q %v, want %q", s.data, buf, err, s.want)
		}
	}
	cancel()
	<-done
	done <- nil // for the deferred wait
	if want := []feedback.Signal{feedback.Ack, feedback.Ack, feedback.Good, feedback.Error}; !slices.Equal(extra, want) {
		t.Fatalf("extra feedback %v, want %v", extra, want)
	}
	bals, _ := led.Balances("MUG-RED", "A-01-01")
	if len(bals) != 1 || bals[0].OnHand != 1 {
		t.Fatalf("balances %+v", bals)
	}
}

func TestConfigValidateNamesEveryField(t *testing.T) {
	err := Config{Workflow: workflow.Config{MaxQuantity: -1}, Scanners: []ScannerConfig{
		{ID: "a", Path: "/dev/x", Terminators: []string{"zz"}, Feedback: "klaxon", Serial: scannerModeBad()},
		{ID: "a", Kind: "usb", Path: "nope", USBProtocol: "midi", Light: LightConfig{Reader: "dock"}},
		{Kind: "bluetooth", Light: LightConfig{LightConfig: feedback.LightConfig{GoodPort: 1}}},
	}}.Validate()
	for _, want := range []string{"max_quantity", "scanners[0].terminators", "scanners[0].feedback", "scanners[0].serial",
		"scanners[1].id", "scanners[1].path", "scanners[1].usb_protocol", "scanners[1].light: set good_port",
		"scanners[2].id", "scanners[2].kind", "scanners[2].light.reader: required"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("no %s in %v", want, err)
		}
	}
	if !errors.Is(err, workflow.ErrConfig) {
		t.Error("workflow errors not kept")
	}
}
