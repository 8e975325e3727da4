package intake_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/uplink/wire"
)

// boundEngine is an engine whose stock.gateways binds gateways to sites.
func boundEngine(t *testing.T, gws stock.GatewaySites) *stock.Engine {
	t.Helper()
	st, err := stock.OpenBolt(filepath.Join(t.TempDir(), "relay.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e, err := stock.New(context.Background(), stock.Options{Store: st, Mapping: engineMapping(t), Config: stock.Config{Gateways: gws}})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// receiptBatch is an encoded batch of one-unit receipts of MUG-BLUE.
func receiptBatch(t *testing.T, site, gateway string, first, last uint64) []byte {
	t.Helper()
	b := &wire.Batch{Header: wire.Header{V: wire.Version, Site: site, Gateway: gateway, Epoch: "e1", Boot: "b1", Session: 1,
		HeadHash: "00", First: first, Last: last, Head: last}}
	for s := first; s <= last; s++ {
		b.Events = append(b.Events, wire.Event{ID: fmt.Sprint("r", s), Seq: s, Type: "receive", SKU: "MUG-BLUE", Location: "A", Qty: 1,
			Postings: []wire.Posting{{Location: "A", State: "on_hand", Delta: 1, After: int64(s)}}})
	}
	data, err := wire.EncodeBatch(b)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// acks records the topics acknowledged.
type acks struct {
	mu     sync.Mutex
	topics []string
}

func (a *acks) Publish(topic string, _ []byte, _ bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.topics = append(a.topics, topic)
	return nil
}

func (a *acks) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.topics)
}

// TestBatchForAnotherSiteIsCountedAndNotAcknowledged: gw-a, bound to
// wh1, sends a batch under wh2 (its topic and batch agree, as a
// compromised gateway's would): refused with ErrWrongSite, counted,
// not acknowledged, wh2's stock untouched; its own site still works.
func TestBatchForAnotherSiteIsCountedAndNotAcknowledged(t *testing.T) {
	e := boundEngine(t, stock.GatewaySites{"gw-a": "wh1", "gw-b": "wh2"})
	pub := &acks{}
	in := intake.New(e, pub, intake.Config{}, nil, nil)
	ctx := context.Background()
	for range 2 {
		err := in.Handle(ctx, wire.Topic("wh2", "gw-a", wire.KindDeltas), receiptBatch(t, "wh2", "gw-a", 1, 3))
		if !errors.Is(err, stock.ErrWrongSite) {
			t.Fatalf("gw-a's batch for wh2: %v, want ErrWrongSite", err)
		}
	}
	if c := in.Counters(); c.WrongSite != 2 || c.Failed != 0 || c.Batches != 0 {
		t.Fatalf("counters %+v, want 2 wrong-site batches", c)
	}
	if n := pub.count(); n != 0 {
		t.Fatalf("%d acks for refused batches", n)
	}
	if lv := e.Level("MUG-BLUE", "wh2"); lv.OnHand != 0 {
		t.Fatalf("wh2 on hand %d after gw-a's forged batch", lv.OnHand)
	}
	if err := in.Handle(ctx, wire.Topic("wh1", "gw-a", wire.KindDeltas), receiptBatch(t, "wh1", "gw-a", 1, 3)); err != nil {
		t.Fatal(err)
	}
	if lv := e.Level("MUG-BLUE", "wh1"); lv.OnHand != 3 || pub.count() != 1 {
		t.Fatalf("gw-a's own site: on hand %d, %d acks", lv.OnHand, pub.count())
	}
	err := in.Handle(ctx, wire.Topic("wh1", "gw-z", wire.KindDeltas), receiptBatch(t, "wh1", "gw-z", 1, 1))
	if !errors.Is(err, stock.ErrUnknownGateway) || in.Counters().UnknownGateway != 1 {
		t.Fatalf("unbound gateway: %v, counters %+v", err, in.Counters())
	}
}

func engineMapping(t *testing.T) *stock.Mapping {
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
	return m
}
