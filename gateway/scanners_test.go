package gateway_test

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/edged/edged/catalog"
	"github.com/edged/edged/device/llrp/llrptest"
	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/device/scanner/serialport"
	"github.com/edged/edged/gateway"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/workflow"
	"github.com/edged/edged/workflow/floor"
)

// openSerial opens the tests' pseudo-terminals as serial scanners.
func openSerial(sc floor.ScannerConfig) (func(context.Context) (scanner.Device, error), error) {
	return serialport.Opener(sc.Path, sc.Serial), nil
}

// A scanner on a pseudo-terminal, configured like any other: a worker
// scans receive mode, a location and an item, and the receipt is in the
// ledger with the good-read answer sent back to the scanner.
func TestScannerStationThroughTheGateway(t *testing.T) {
	master, slave, err := pty.Open()
	if err != nil {
		t.Skip(err)
	}
	defer master.Close()
	defer slave.Close()
	l := ledgertest.Open(t, nil)
	cfg := gateway.Config{Site: "wh1", Gateway: "gw-1",
		Catalog: catalog.Config{Items: []catalog.Item{{SKU: "MUG-RED", GTINs: []string{"5901234123457"}}}},
		Config: floor.Config{Workflow: workflow.Config{DefaultUnitCost: "1.00"},
			Scanners: []floor.ScannerConfig{{ID: "dock-1", Path: slave.Name(), Feedback: "honeywell"}}}}
	g, err := gateway.New(cfg, gateway.Parts{Ledger: l, Dial: dial, OpenScanner: openSerial})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	eventually(t, "the scanner online", func() bool {
		s := g.Health().Scanners
		return len(s) == 1 && s[0].Online
	})
	for _, s := range []struct{ data, want string }{
		{"CMD:RECEIVE", "\x1ba,"}, {"LOC:A-01-01", "\x1ba,"}, {"]E05901234123457", "\x1b7,"},
	} {
		_, _ = master.Write([]byte(s.data + "\r"))
		buf := make([]byte, 3)
		if _, err := io.ReadFull(master, buf); err != nil || string(buf) != s.want {
			t.Fatalf("%q: got %q %v, want %q", s.data, buf, err, s.want)
		}
	}
	bals, _ := l.Balances("MUG-RED", "A-01-01")
	if len(bals) != 1 || bals[0].OnHand != 1 {
		t.Fatalf("balances %+v", bals)
	}
	h := g.HostHealth()
	if len(h.Devices) != 1 || h.Devices[0].Kind != "scanner" || h.Devices[0].State != "up" {
		t.Fatalf("devices %+v", h.Devices)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// Changing one scanner's section restarts that scanner alone.
func TestReloadRestartsOnlyTheChangedScanner(t *testing.T) {
	var ptys []string
	for range 2 {
		m, s, err := pty.Open()
		if err != nil {
			t.Skip(err)
		}
		t.Cleanup(func() { s.Close(); m.Close() })
		ptys = append(ptys, s.Name())
	}
	l := ledgertest.Open(t, nil)
	cfg := gateway.Config{Site: "wh1", Gateway: "gw-1",
		Config: floor.Config{Workflow: workflow.Config{DefaultUnitCost: "1.00"}, Scanners: []floor.ScannerConfig{
			{ID: "a", Path: ptys[0], Feedback: "honeywell"}, {ID: "b", Path: ptys[1], Feedback: "honeywell"}}}}
	g, err := gateway.New(cfg, gateway.Parts{Ledger: l, Dial: dial, OpenScanner: openSerial})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	opened := func() map[string]uint64 {
		out := map[string]uint64{}
		for _, s := range g.Health().Scanners {
			if s.Online {
				out[s.Name] = s.Opened
			}
		}
		return out
	}
	eventually(t, "both scanners online", func() bool { return len(opened()) == 2 })
	next := cfg
	next.Config.Scanners = []floor.ScannerConfig{{ID: "a", Path: ptys[0], Feedback: "honeywell"}, {ID: "b", Path: ptys[1], Feedback: "bel"}}
	if err := g.Reload(next); err != nil {
		t.Fatal(err)
	}
	eventually(t, "scanner b reopened", func() bool { return opened()["b"] == 2 })
	if o := opened(); o["a"] != 1 {
		t.Fatalf("scanner a was reopened too: %v", o)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// A station with a stack light: a good read lights the reader's green
// lamp and a rejected scan its red one, each switched off after hold.
func TestScannerStationFlashesTheReadersLamp(t *testing.T) {
	master, slave, err := pty.Open()
	if err != nil {
		t.Skip(err)
	}
	defer master.Close()
	defer slave.Close()
	fake, addr := llrptest.Start(t, llrptest.Options{})
	l := ledgertest.Open(t, nil)
	cfg := dockConfig(addr)
	cfg.Catalog.Items = append(cfg.Catalog.Items, catalog.Item{SKU: "MUG-RED", GTINs: []string{"5901234123457"}})
	cfg.Config = floor.Config{Workflow: workflow.Config{DefaultUnitCost: "1.00"},
		Scanners: []floor.ScannerConfig{{ID: "dock-1", Path: slave.Name(), Feedback: "honeywell",
			Light: floor.LightConfig{Reader: "dock", LightConfig: feedback.LightConfig{GoodPort: 1, ErrorPort: 2, Hold: 20 * time.Millisecond}}}}}
	g, err := gateway.New(cfg, gateway.Parts{Ledger: l, Dial: dial, OpenScanner: openSerial})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	eventually(t, "the scanner online and the reader connected", func() bool {
		s := g.Health().Scanners
		return len(s) == 1 && s[0].Online && fake.Connected()
	})
	for _, s := range []struct{ data, want string }{
		{"CMD:RECEIVE", "\x1ba,"}, {"LOC:A-01-01", "\x1ba,"}, {"]E05901234123457", "\x1b7,"}, {"]E09999999999994", "\x1b8,"},
	} {
		_, _ = master.Write([]byte(s.data + "\r"))
		buf := make([]byte, 3)
		if _, err := io.ReadFull(master, buf); err != nil || string(buf) != s.want {
			t.Fatalf("%q: got %q %v, want %q", s.data, buf, err, s.want)
		}
	}
	want := []string{"1 on", "1 off", "2 on", "2 off"} // mode and location scans only beep
	eventually(t, "the good lamp then the error lamp flashed", func() bool {
		return slices.Equal(fake.Snapshot().GPOWrites, want)
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// A light on a reader that is not configured is refused with its key.
func TestLightOnAnUnknownReaderIsRefused(t *testing.T) {
	cfg := gateway.Config{Site: "wh1", Gateway: "gw-1",
		Config: floor.Config{Scanners: []floor.ScannerConfig{{ID: "dock-1", Path: "/dev/ttyACM0",
			Light: floor.LightConfig{Reader: "door-9", LightConfig: feedback.LightConfig{GoodPort: 1}}}}}}
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), `scanners[0].light.reader: "door-9" is not a configured reader`) {
		t.Fatalf("validate: %v", err)
	}
}
