//go:build linux

package workflow

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/device/scanner/serialport"
	"github.com/edged/edged/ledger"
)

// pipeline is the production chain on a pty: serial port, supervisor,
// framer, station, ledger, feedback written back to the port.
type pipeline struct {
	master *os.File
	cancel context.CancelFunc
	done   chan struct{}
}

func startPipeline(t testing.TB, cfg Config, rec Recorder) *pipeline {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	_ = s.Close()
	frames := make(chan scanner.Frame, 16)
	serve, err := scanner.FramedServe(scanner.Config{Scanner: "dock-1"}, func(f scanner.Frame) { frames <- f }, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	online := make(chan bool, 4)
	sup, err := scanner.NewSupervisor(scanner.SupervisorConfig{Name: "dock-1", Serve: serve,
		Open: serialport.Opener(s.Name(), serialport.Mode{}), OnState: func(up bool) { online <- up }})
	if err != nil {
		t.Fatal(err)
	}
	rules, err := NewRules(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st := NewStation(StationConfig{Name: "dock-1", Rules: rules, Catalog: testCatalog(t), Recorder: rec,
		Feedback: feedback.NewWriter(sup, feedback.Honeywell{})})
	ctx, cancel := context.WithCancel(context.Background())
	p := &pipeline{master: m, cancel: cancel, done: make(chan struct{})}
	stationDone := make(chan struct{})
	go func() {
		defer close(stationDone)
		_ = st.Run(ctx, frames, nil)
	}()
	go func() {
		defer close(p.done)
		_ = sup.Run(ctx)
		<-stationDone
	}()
	t.Cleanup(p.stop)
	if !<-online { // open the port before writing: the pty is raw only then
		t.Fatal("port did not come online")
	}
	return p
}

func (p *pipeline) stop() {
	p.cancel()
	<-p.done
	_ = p.master.Close()
}

// scan sends one framed barcode and waits for the scanner's 3-byte
// Honeywell answer.
func (p *pipeline) scan(t testing.TB, data string) string {
	t.Helper()
	if _, err := p.master.Write([]byte(data + "\r\n")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 3)
	if _, err := io.ReadFull(p.master, buf); err != nil {
		t.Fatal(err)
	}
	return string(buf)
}

// TestPipelineFromPtyToLedgerToFeedback: bytes on a serial line become
// ledger events and the scanner hears the right answer for each.
func TestPipelineFromPtyToLedgerToFeedback(t *testing.T) {
	r := newRig(t, testConfig(), feedback.None{})
	p := startPipeline(t, testConfig(), r.led)
	for _, s := range []struct{ data, want string }{
		{"CMD:RECEIVE", ack}, {"LOC:A-01-01", ack}, {"QTY:2", ack}, {"]E05901234123457", good},
		{"]E0590123412345\x00\xff", bad}, {"]E05901234123457", good},
	} {
		if got := p.scan(t, s.data); got != s.want {
			t.Fatalf("%q: scanner got %q, want %q", s.data, got, s.want)
		}
	}
	p.stop()
	if n := r.balance(t, "MUG-RED", "A-01-01"); n != 3 {
		t.Fatalf("balance %d, want 3", n)
	}
}

var _ Recorder = (*ledger.Ledger)(nil)

// TestPipelineSurvivesBadInput sends what goes wrong on a real line:
// an over-long frame, binary noise, an unknown AI, an impossible date, a
// bad check digit. Each gets the error signal, nothing is posted, and
// the next good scan still works.
func TestPipelineSurvivesBadInput(t *testing.T) {
	r := newRig(t, testConfig(), feedback.None{})
	p := startPipeline(t, testConfig(), r.led)
	for _, d := range []string{"CMD:RECEIVE", "LOC:A-01-01"} {
		if got := p.scan(t, d); got != ack {
			t.Fatalf("%q: %q", d, got)
		}
	}
	for _, d := range []string{
		strings.Repeat("A", 5000),      // over scanner.DefaultMaxLen: one error, rest dropped
		"\x00\x01\xfe\xff\x1b[A",       // binary noise
		"]C10109506000134352\x1d04ABC", // unknown AI 04
		"]C1010950600013435217251232",  // 32 December
		"]E05901234123458",             // check digit
		"QTY:12x",                      // not a number
	} {
		if got := p.scan(t, d); got != bad {
			t.Fatalf("%.20q: scanner got %q, want the error signal", d, got)
		}
	}
	if got := p.scan(t, "]E05901234123457"); got != good {
		t.Fatalf("good scan after bad input: %q", got)
	}
	p.stop()
	if n := r.balance(t, "MUG-RED", "A-01-01"); n != 1 {
		t.Fatalf("balance %d, want 1", n)
	}
}
