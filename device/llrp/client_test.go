package llrp_test

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/llrp"
	"github.com/edged/edged/device/llrp/llrptest"
)

// harness runs a client against a fake reader for one test.
type harness struct {
	t      *testing.T
	fake   *llrptest.Reader
	client *llrp.Client
	reads  atomic.Int64
	mu     sync.Mutex
	last   device.TagRead
	cancel context.CancelFunc
	done   chan error
}

func dialer(addr string) func(ctx context.Context) (net.Conn, error) {
	return func(ctx context.Context) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "tcp", addr)
	}
}

func start(t *testing.T, fo llrptest.Options, co llrp.Options) *harness {
	t.Helper()
	h := &harness{t: t, done: make(chan error, 1)}
	var addr string
	h.fake, addr = llrptest.Start(t, fo)
	co.Name, co.Dial = "dock-1", dialer(addr)
	co.BackoffMin, co.BackoffMax = 10*time.Millisecond, 50*time.Millisecond
	co.VersionTimeout = 300 * time.Millisecond
	if co.OnRead == nil {
		co.OnRead = h.record
	}
	c, err := llrp.New(co)
	if err != nil {
		t.Fatal(err)
	}
	h.client = c
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.done <- c.Run(ctx) }()
	t.Cleanup(h.stop)
	return h
}

func (h *harness) record(r device.TagRead) {
	h.mu.Lock()
	h.last = r
	h.last.EPC = append([]byte(nil), r.EPC...)
	h.last.TID = append([]byte(nil), r.TID...)
	h.mu.Unlock()
	h.reads.Add(1)
}

func (h *harness) lastRead() device.TagRead {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.last
}

// stop cancels Run and waits for it (whoever starts a goroutine waits).
func (h *harness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	h.cancel = nil
	if err := <-h.done; err != nil {
		h.t.Errorf("Run: %v", err)
	}
}

// waitFor polls cond; the deadline only guards against a hung test.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (h *harness) waitReads(n int64) {
	h.t.Helper()
	target := h.reads.Load() + n
	waitFor(h.t, "reads", func() bool { return h.reads.Load() >= target })
}

func TestClientReadsAndStopsGracefully(t *testing.T) {
	h := start(t, llrptest.Options{Rate: 500, RSSIMin: -60, RSSIMax: -40}, llrp.Options{})
	h.waitReads(50)
	r := h.lastRead()
	if r.Reader != "dock-1" || len(r.EPC) != 12 || r.Antenna < 1 || r.Antenna > 4 || r.RSSI < -6000 || r.RSSI > -4000 || r.Count != 1 {
		t.Errorf("read %+v", r)
	}
	if d := time.Since(r.Seen); d < 0 || d > time.Minute {
		t.Errorf("Seen %v is not re-based near now", r.Seen)
	}
	st := h.client.Stats()
	if st.State != llrp.StateReading || st.Version != llrp.Version11 || st.Capabilities.Antennas != 4 || st.Reconnects != 0 {
		t.Errorf("stats %+v", st)
	}
	h.stop()
	fs := h.fake.Snapshot()
	if _, exists := h.fake.ROSpecState(); exists || fs.Closed != 1 {
		t.Errorf("after stop: ROSpec exists %v, CLOSE_CONNECTION %d; requests %v", exists, fs.Closed, fs.Requests)
	}
	if st := h.client.Stats(); st.State != llrp.StateStopped || st.Reads != uint64(h.reads.Load()) {
		t.Errorf("after stop: %+v, delivered %d", st, h.reads.Load())
	}
}

func TestClientVersionFallback(t *testing.T) {
	for name, fo := range map[string]llrptest.Options{
		"1.0.1 only": {Only101: true},
		"silent":     {SilentVersion: true},
		"hangs up":   {Only101: true, DropOnV2: true},
	} {
		t.Run(name, func(t *testing.T) {
			h := start(t, fo, llrp.Options{})
			h.waitReads(10)
			if v := h.client.Stats().Version; v != llrp.Version101 {
				t.Errorf("version %d, want 1 (1.0.1)", v)
			}
		})
	}
}

func TestClientReaderBusy(t *testing.T) {
	fake, addr := llrptest.Start(t, llrptest.Options{})
	holder, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "first client", fake.Connected)
	c, _ := llrp.New(llrp.Options{Name: "r", Dial: dialer(addr), BackoffMin: 10 * time.Millisecond, BackoffMax: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	defer func() { cancel(); <-done }()
	waitFor(t, "busy error", func() bool { return c.Stats().Reconnects > 0 })
	if st := c.Stats(); !errors.Is(st.Err, llrp.ErrReaderBusy) {
		t.Errorf("last error %q, want reader busy", st.LastError)
	}
	holder.Close()
	waitFor(t, "reading after the other client left", func() bool { return c.Stats().State == llrp.StateReading })
}

// writeChecker fails the test if a Write carries anything but exactly
// one whole LLRP message.
type writeChecker struct {
	net.Conn
	t      *testing.T
	writes atomic.Int64
}

func (w *writeChecker) Write(p []byte) (int, error) {
	if h, err := llrp.ParseHeader(p); err != nil || int(h.Length) != len(p) {
		w.t.Errorf("write of %d bytes is not one message (header %+v, %v)", len(p), h, err)
	}
	w.writes.Add(1)
	return w.Conn.Write(p)
}

func TestClientOneWritePerMessage(t *testing.T) {
	fake, addr := llrptest.Start(t, llrptest.Options{})
	var wc atomic.Pointer[writeChecker]
	c, _ := llrp.New(llrp.Options{Name: "r", Config: llrp.Config{ReadTIDWords: 2}, Dial: func(ctx context.Context) (net.Conn, error) {
		conn, err := dialer(addr)(ctx)
		if err != nil {
			return nil, err
		}
		w := &writeChecker{Conn: conn, t: t}
		wc.Store(w)
		return w, nil
	}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	waitFor(t, "reading", func() bool { return c.Stats().State == llrp.StateReading })
	cancel()
	<-done
	if n, want := wc.Load().writes.Load(), len(fake.Snapshot().Requests); n != int64(want) {
		t.Errorf("%d writes for %d messages the reader received", n, want)
	}
}
