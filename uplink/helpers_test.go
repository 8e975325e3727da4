package uplink_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/mqtt"
	"github.com/edged/edged/uplink/uplinktest"
	"github.com/edged/edged/uplink/wire"
)

const (
	site = "wh1"
	gw   = "gw-a"
)

// testConfig is fast enough for tests: short keepalive and timers.
func testConfig() uplink.Config {
	return uplink.Config{Site: site, Gateway: gw, PollInterval: 20 * time.Millisecond,
		RetransmitAfter: time.Second, AckAlarmAfter: 400 * time.Millisecond, HealthInterval: 200 * time.Millisecond,
		BackoffMin: 20 * time.Millisecond, BackoffMax: 200 * time.Millisecond, ReplayRate: -1}
}

func testMQTT(broker string) mqtt.Config {
	return mqtt.Config{Broker: broker, ClientID: gw, KeepAlive: time.Second, PingTimeout: 500 * time.Millisecond,
		ConnectTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second, UserTimeout: 2 * time.Second, AllowShortKeepAlive: true}
}

func testLogger(t testing.TB) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})).With("test", t.Name())
	}
	return nil
}

// gateway is a running uplink; stop cancels it and waits for Run.
type gateway struct {
	u    *uplink.Uplink
	stop func() error
}

func startGateway(t testing.TB, cfg uplink.Config, mc mqtt.Config, out uplink.Outbox, deps uplink.Deps) *gateway {
	t.Helper()
	d, err := mqtt.NewDialer(mc, nil, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	deps.Outbox, deps.Dialer, deps.Logger, deps.Version = out, d, testLogger(t), "test"
	u, err := uplink.New(cfg, deps)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var runErr error
	var wg sync.WaitGroup
	wg.Go(func() { runErr = u.Run(ctx) })
	var once sync.Once
	g := &gateway{u: u, stop: func() error { once.Do(func() { cancel(); wg.Wait() }); return runErr }}
	t.Cleanup(func() { _ = g.stop() })
	return g
}

// appendEvents records n receipts, one commit each.
func appendEvents(t testing.TB, l *ledger.Ledger, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		e := ledger.Event{ID: fmt.Sprintf("r%d", i), Type: ledger.Receive, SKU: fmt.Sprintf("SKU-%d", i%7),
			Location: "A-01", Qty: 2, UnitCost: ledger.Cost(1250), User: "tester", Device: "scan-1"}
		if _, err := l.Append(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
}

// importBacklog records n baseline events in chunks of one transaction.
func importBacklog(t testing.TB, l *ledger.Ledger, n int) {
	t.Helper()
	const chunk = 5000
	for c := 0; c*chunk < n; c++ {
		events := make([]ledger.Event, 0, chunk)
		for i := c * chunk; i < min(n, (c+1)*chunk); i++ {
			events = append(events, ledger.Event{ID: fmt.Sprintf("b%d", i), Type: ledger.Baseline,
				SKU: fmt.Sprintf("SKU-%d", i), Location: fmt.Sprintf("B-%d", c), Qty: 3, UnitCost: ledger.Cost(99)})
		}
		if _, err := l.ImportBaseline(context.Background(), events); err != nil {
			t.Fatal(err)
		}
	}
}

// waitDrained waits until the relay applied and the ledger recorded the
// ack of every event up to the ledger's head.
func waitDrained(t testing.TB, r *uplinktest.Relay, l *ledger.Ledger, timeout time.Duration) {
	t.Helper()
	head := status(t, l).Head
	r.WaitFor(timeout, fmt.Sprintf("relay to apply up to seq %d", head), func() bool { return r.Applied(gw) >= head })
	r.WaitFor(timeout, "ledger ack", func() bool { return status(t, l).Acked == head })
}

func status(t testing.TB, l *ledger.Ledger) ledger.Status {
	t.Helper()
	st, err := l.Status()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// assertRelayEqualsLedger: the relay applied exactly the ledger's
// events, each once, in order.
func assertRelayEqualsLedger(t testing.TB, r *uplinktest.Relay, l *ledger.Ledger) {
	t.Helper()
	var want []wire.Event
	if err := l.Log(ledger.LogFilter{}, func(e *ledger.Event) error { want = append(want, uplink.ToWire(e)); return nil }); err != nil {
		t.Fatal(err)
	}
	got := r.Events(gw)
	if len(got) != len(want) {
		t.Fatalf("relay applied %d events, the ledger has %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(normalize(got[i]), normalize(want[i])) {
			t.Fatalf("event %d differs:\nrelay  %+v\nledger %+v", i, got[i], want[i])
		}
	}
	if st := status(t, l); st.Acked != st.Head || st.Pending != 0 {
		t.Fatalf("ledger not fully acknowledged: %+v", st)
	}
}

// normalize drops the monotonic clock and location so times compare.
func normalize(e wire.Event) wire.Event {
	e.Time = e.Time.UTC().Round(0)
	return e
}
