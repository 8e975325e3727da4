package intake_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/stock"
)

// fastRetry keeps the reconnect and resubscribe waits short.
func fastRetry(url string) intake.MQTTConfig {
	return intake.MQTTConfig{Broker: url, RetryMin: 20 * time.Millisecond, RetryMax: 200 * time.Millisecond}
}

// connectIntake connects an intake into e through a Client with cfg.
func connectIntake(t *testing.T, cfg intake.MQTTConfig, e *stock.Engine, log *slog.Logger) *intake.Client {
	t.Helper()
	pub := &intake.LatePublisher{}
	in := intake.New(e, pub, intake.Config{}, nil, nil)
	cl, err := intake.Connect(cfg, nil, log, func(topic string, payload []byte) {
		_ = in.Handle(context.Background(), topic, payload)
	})
	if err != nil {
		t.Fatal(err)
	}
	pub.Set(cl)
	t.Cleanup(cl.Close)
	return cl
}

// receive appends n receipts of 3 TEE-RED-M, ids from i.
func receive(t *testing.T, l *ledger.Ledger, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		e := ledger.Event{ID: fmt.Sprint("r", i), Type: ledger.Receive, SKU: "TEE-RED-M", Location: "A", Qty: 3, UnitCost: ledger.Cost(100)}
		if _, err := l.Append(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
}

func acked(l *ledger.Ledger, n uint64) func() bool {
	return func() bool { st, _ := l.Status(); return st.Acked == n }
}

// TestConnectBeforeTheBroker: the relay starts while its broker is down,
// keeps trying, fails publishes at once, then connects, subscribes and
// takes deltas as soon as the broker is up.
func TestConnectBeforeTheBroker(t *testing.T) {
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	broker.Stop()
	e := engine(t)
	logs := &records{}
	cl := connectIntake(t, fastRetry(broker.URL()), e, slog.New(logs))
	eventually(t, "several failed attempts", func() bool { return cl.State().Failures >= 3 })
	if st := cl.State(); st.Connected || st.Online || st.LastError == "" {
		t.Fatalf("state while the broker is down: %+v", st)
	}
	if err := cl.Publish("edged/v1/wh1/gw-1/ack", []byte("{}"), false); !errors.Is(err, intake.ErrNotConnected) {
		t.Fatalf("publish while down: %v, want ErrNotConnected", err)
	}
	broker.Restart()
	eventually(t, "the relay online", func() bool { return cl.State().Online })
	l := ledgertest.Open(t, nil)
	receive(t, l, 0, 20)
	startGateway(t, broker.URL(), l)
	eventually(t, "all 20 events acknowledged", acked(l, 20))
	if lv := e.Level("TEE-RED-M", "wh1"); lv.OnHand != 60 {
		t.Fatalf("on hand %d, want 60", lv.OnHand)
	}
	if n := logs.count(slog.LevelWarn, "broker unreachable"); n != 1 {
		t.Fatalf("%d warnings for one run of failed attempts, want 1:\n%s", n, logs)
	}
	if logs.count(slog.LevelInfo, "broker connected") != 1 {
		t.Fatalf("no connect logged:\n%s", logs)
	}
}

// TestBrokerRestartIsLoggedAndRecovered: a lost broker is logged and
// shown, publishes fail fast while it is down, and after it returns the
// subscription is back and deltas flow again.
func TestBrokerRestartIsLoggedAndRecovered(t *testing.T) {
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	e := engine(t)
	logs := &records{}
	cl := connectIntake(t, fastRetry(broker.URL()), e, slog.New(logs))
	eventually(t, "the relay online", func() bool { return cl.State().Online })
	l := ledgertest.Open(t, nil)
	receive(t, l, 0, 10)
	u := startGateway(t, broker.URL(), l)
	eventually(t, "the first 10 events acknowledged", acked(l, 10))

	broker.Stop()
	eventually(t, "the loss noticed", func() bool { return !cl.State().Connected })
	if err := cl.Publish("edged/v1/wh1/gw-1/ack", []byte("{}"), false); !errors.Is(err, intake.ErrNotConnected) {
		t.Fatalf("publish while down: %v, want ErrNotConnected", err)
	}
	broker.Restart()
	eventually(t, "the relay online again", func() bool { st := cl.State(); return st.Online && st.Reconnects == 1 })
	receive(t, l, 10, 10)
	u.Notify()
	eventually(t, "the next 10 events acknowledged", acked(l, 20))
	if lv := e.Level("TEE-RED-M", "wh1"); lv.OnHand != 60 {
		t.Fatalf("on hand %d, want 60", lv.OnHand)
	}
	if st := cl.State(); !st.Subscribed || st.LastError == "" || st.Since.IsZero() {
		t.Fatalf("state after recovery: %+v", st)
	}
	if logs.count(slog.LevelWarn, "broker lost") != 1 || logs.count(slog.LevelInfo, "broker connected") != 2 {
		t.Fatalf("loss and recovery not logged:\n%s", logs)
	}
}

// records is a slog.Handler that keeps every record.
type records struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (r *records) Enabled(context.Context, slog.Level) bool { return true }
func (r *records) WithAttrs([]slog.Attr) slog.Handler       { return r }
func (r *records) WithGroup(string) slog.Handler            { return r }

func (r *records) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recs = append(r.recs, rec.Clone())
	return nil
}

// count counts records at level whose message starts with prefix.
func (r *records) count(level slog.Level, prefix string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, rec := range r.recs {
		if rec.Level == level && strings.HasPrefix(rec.Message, prefix) {
			n++
		}
	}
	return n
}

func (r *records) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, rec := range r.recs {
		fmt.Fprintf(&b, "%s %s", rec.Level, rec.Message)
		rec.Attrs(func(a slog.Attr) bool { fmt.Fprintf(&b, " %s", a); return true })
		b.WriteByte('\n')
	}
	return b.String()
}

// TestBacklogIsAckedWithoutStalls: a gateway's full window of deltas
// messages is acknowledged promptly. The handler waits for the PUBACK of
// each ack; run inside paho's in-order reader it would wait behind the
// next deltas message (10 s per message, the publish timeout).
func TestBacklogIsAckedWithoutStalls(t *testing.T) {
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	e := engine(t)
	cl := connectIntake(t, fastRetry(broker.URL()), e, nil)
	eventually(t, "the relay online", func() bool { return cl.State().Online })
	l := ledgertest.Open(t, nil)
	events := make([]ledger.Event, 2500) // about ten 64 KiB messages, within the gateway's window
	for i := range events {
		events[i] = ledger.Event{ID: fmt.Sprint("b", i), Type: ledger.Baseline, SKU: "TEE-RED-M", Location: fmt.Sprint("B-", i), Qty: 1, UnitCost: ledger.Cost(1)}
	}
	if _, err := l.ImportBaseline(context.Background(), events); err != nil {
		t.Fatal(err)
	}
	startGateway(t, broker.URL(), l)
	eventually(t, "the backlog acknowledged", acked(l, uint64(len(events))))
}
