package intake_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/mqtt"
	"github.com/edged/edged/uplink/wire"
)

func engine(t *testing.T) *stock.Engine {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "relay", "mapping.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := stock.ParseMapping(f, "mapping.csv")
	if err != nil {
		t.Fatal(err)
	}
	st, err := stock.OpenBolt(filepath.Join(t.TempDir(), "relay.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e, err := stock.New(context.Background(), stock.Options{Store: st, Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// startRelay connects an intake into e to the broker.
func startRelay(t *testing.T, url string, e *stock.Engine, cfg intake.Config) *intake.Intake {
	t.Helper()
	pub := &intake.LatePublisher{}
	in := intake.New(e, pub, cfg, nil, nil)
	cl, err := intake.Connect(intake.MQTTConfig{Broker: url, ShareGroup: "relays"}, nil, nil, func(topic string, payload []byte) {
		_ = in.Handle(context.Background(), topic, payload)
	})
	if err != nil {
		t.Fatal(err)
	}
	pub.Set(cl)
	t.Cleanup(cl.Close)
	return in
}

// startGateway runs a real uplink from l to the broker.
func startGateway(t *testing.T, url string, l *ledger.Ledger) *uplink.Uplink {
	t.Helper()
	d, err := mqtt.NewDialer(mqtt.Config{Broker: url, ClientID: "gw-1"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	u, err := uplink.New(uplink.Config{Site: "wh1", Gateway: "gw-1", PollInterval: 50 * time.Millisecond}, uplink.Deps{Outbox: l, Dialer: d})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = u.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return u
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("never happened: %s", what)
		}
	}
}

func TestLedgerToMasterStockExactlyOnce(t *testing.T) {
	ctx := context.Background()
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	e := engine(t)
	in := startRelay(t, broker.URL(), e, intake.Config{})
	l := ledgertest.Open(t, nil)
	for i := range 50 {
		rec := ledger.Event{ID: fmt.Sprint("r", i), Type: ledger.Receive, SKU: "TEE-RED-M", Location: "A", Qty: 3, UnitCost: ledger.Cost(100)}
		if _, err := l.Append(ctx, rec); err != nil {
			t.Fatal(err)
		}
	}
	mv := ledger.Event{ID: "t1", Type: ledger.Transfer, SKU: "TEE-RED-M", Location: "A", ToLocation: "B", Qty: 10}
	sale := ledger.Event{ID: "s1", Type: ledger.Sale, SKU: "TEE-RED-M", Location: "B", Qty: 4, Order: "1001"}
	dmg := ledger.Event{ID: "d1", Type: ledger.Return, SKU: "TEE-RED-M", Location: "B", Qty: 1, Damaged: true}
	for _, ev := range []ledger.Event{mv, sale, dmg} {
		if _, err := l.Append(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	startGateway(t, broker.URL(), l)
	eventually(t, "all 53 events acknowledged", func() bool { st, _ := l.Status(); return st.Acked == 53 })
	// 150 received, the transfer nets to 0, 4 sold, the damaged return is not sellable
	if lv := e.Level("TEE-RED-M", "wh1"); lv.OnHand != 146 {
		t.Fatalf("master on hand %d, want 146", lv.OnHand)
	}
	if gs := in.Gateways(); len(gs) != 1 || gs[0].LastSeq != 53 {
		t.Fatalf("gateways %+v", gs)
	}
}

func TestGapIsHeldThenResyncRequested(t *testing.T) {
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	e := engine(t)
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	var in *intake.Intake
	cl, err := intake.Connect(intake.MQTTConfig{Broker: broker.URL(), ClientID: "relay-gap"}, nil, nil, func(string, []byte) {})
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	eventually(t, "the relay online", func() bool { return cl.State().Online }) // Connect returns before it connects
	in = intake.New(e, cl, intake.Config{GapHold: 30 * time.Second}, nil, func() time.Time { return now })
	batch := func(first, last uint64) []byte {
		b := &wire.Batch{Header: wire.Header{V: wire.Version, Site: "wh1", Gateway: "gw-9", Epoch: "e1", Boot: "b1", Session: 1, HeadHash: "00", First: first, Last: last, Head: last}}
		for s := first; s <= last; s++ {
			b.Events = append(b.Events, wire.Event{ID: fmt.Sprint("x", s), Seq: s, Type: "adjust", SKU: "MUG-BLUE", Location: "A", Qty: 1,
				Reason: "r", Postings: []wire.Posting{{Location: "A", State: "on_hand", Delta: 1, After: int64(s)}}})
		}
		data, err := wire.EncodeBatch(b)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	topic := wire.Topic("wh1", "gw-9", wire.KindDeltas)
	if err := in.Handle(context.Background(), topic, batch(1, 3)); err != nil {
		t.Fatal(err)
	}
	_ = in.Handle(context.Background(), topic, batch(6, 8)) // 4 and 5 are missing
	if gs := in.Gateways(); gs[0].GapFrom != 4 || gs[0].LastSeq != 3 {
		t.Fatalf("after the gap: %+v", gs)
	}
	// The status page joins the gap to the engine's gateway by this key.
	if key := in.Gateways()[0].Key(); e.Gateways()[key] != 3 {
		t.Fatalf("the engine has no gateway %q: %v", key, e.Gateways())
	}
	in.CheckGaps()
	if in.Counters().Resyncs != 0 {
		t.Fatal("asked to resync before the hold time")
	}
	now = now.Add(31 * time.Second)
	in.CheckGaps()
	in.CheckGaps()
	if in.Counters().Resyncs != 1 {
		t.Fatalf("resyncs %d, want exactly 1", in.Counters().Resyncs)
	}
	if err := in.Handle(context.Background(), topic, batch(4, 8)); err != nil {
		t.Fatal(err)
	}
	if lv := e.Level("MUG-BLUE", "wh1"); lv.OnHand != 8 {
		t.Fatalf("on hand %d after the resync, want 8", lv.OnHand)
	}
}

func TestMalformedAndForeignMessagesAreCounted(t *testing.T) {
	e := engine(t)
	in := intake.New(e, nopPublisher{}, intake.Config{Gateways: []string{"gw-1"}}, nil, nil)
	ctx := context.Background()
	for _, c := range []struct{ topic, payload string }{
		{"edged/v1/wh1/gw-1/deltas", "not json"},
		{"edged/v1/wh1/gw-1/health", "{}"},
		{"edged/v1/wh1/gw-2/deltas", `{"v":1}`},
	} {
		if err := in.Handle(ctx, c.topic, []byte(c.payload)); err == nil {
			t.Errorf("%s %q accepted", c.topic, c.payload)
		}
	}
	if c := in.Counters(); c.Malformed != 3 && c.Malformed+c.UnknownGateway != 3 {
		t.Fatalf("counters %+v", c)
	}
}

type nopPublisher struct{}

func (nopPublisher) Publish(string, []byte, bool) error { return nil }

// FuzzHandle: whatever arrives on a deltas topic is applied or refused,
// never a panic.
func FuzzHandle(f *testing.F) {
	f.Add("edged/v1/wh1/gw-1/deltas", []byte(`{"v":1,"site":"wh1","gateway":"gw-1"}`))
	f.Add("edged/v1/wh1/gw-1/ack", []byte(`{}`))
	f.Fuzz(func(t *testing.T, topic string, payload []byte) {
		in := intake.New(fuzzEngine, nopPublisher{}, intake.Config{}, nil, nil)
		_ = in.Handle(context.Background(), topic, payload)
	})
}

// fuzzEngine accepts everything without storing it.
var fuzzEngine = applierFunc(func(_ context.Context, _ string, b []stock.Sequenced) (uint64, error) {
	if len(b) == 0 {
		return 0, nil
	}
	return b[len(b)-1].Seq, nil
})

type applierFunc func(context.Context, string, []stock.Sequenced) (uint64, error)

func (f applierFunc) ApplyBatch(ctx context.Context, g string, b []stock.Sequenced) (uint64, error) {
	return f(ctx, g, b)
}
