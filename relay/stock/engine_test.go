package stock_test

import (
	"context"
	"errors"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

const tee = "TEE-RED-M"

func receive(t *testing.T, r *rig, gw string, seq uint64, qty int64) {
	t.Helper()
	d := stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Receive, Qty: qty}
	if err := r.eng.ApplyDelta(context.Background(), gw, seq, d); err != nil {
		t.Fatal(err)
	}
}

func order(ch relay.Channel, ev, id string, st relay.OrderStatus, variant string, qty int64) relay.OrderEvent {
	e := relay.OrderEvent{Channel: ch, EventID: ev, OrderID: id, Status: st}
	if variant != "" {
		e.Lines = []relay.OrderLine{{Variant: variant, Qty: qty}}
	}
	return e
}

func accept(t *testing.T, r *rig, ev relay.OrderEvent) {
	t.Helper()
	if err := r.eng.AcceptOrder(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
}

func wantAll(t *testing.T, r *rig, want int64) {
	t.Helper()
	for _, ch := range relay.Channels() {
		if got := r.out[ch].qty(r.target(t, ch, tee)); got != want {
			t.Errorf("%s shows %d, want %d", ch, got, want)
		}
	}
}

func TestReceivePushesBufferedQuantityToEveryChannel(t *testing.T) {
	r := newRig(t, stock.Config{SafetyBuffer: 2}, nil)
	receive(t, r, "gw1", 1, 10)
	wantAll(t, r, 8)
	if r.out[relay.Shopify].n != 1 {
		t.Errorf("shopify got %d items, want 1 (mug untouched)", r.out[relay.Shopify].n)
	}
}

func TestOrderReservesOnceAndCancelReleases(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	accept(t, r, order(relay.Shopify, "w1", "o1", relay.OrderOpen, "2001", 3))
	accept(t, r, order(relay.Shopify, "w1", "o1", relay.OrderOpen, "2001", 3)) // duplicate delivery
	accept(t, r, order(relay.Shopify, "w2", "o1", relay.OrderOpen, "2001", 3)) // orders/paid
	wantAll(t, r, 7)
	accept(t, r, order(relay.Shopify, "w3", "o1", relay.OrderCancelled, "", 0))
	wantAll(t, r, 10)
	if c := r.eng.Counters(); c.DuplicateEvents != 1 {
		t.Errorf("duplicate events = %d, want 1", c.DuplicateEvents)
	}
}

func TestCancelBeforeCreateLeavesTombstone(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	accept(t, r, order(relay.Lazada, "e2", "o9", relay.OrderCancelled, "", 0))
	accept(t, r, order(relay.Lazada, "e1", "o9", relay.OrderOpen, "4001", 2))
	wantAll(t, r, 10)
}

func TestPickReleasesNamedOrderElseOldest(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	accept(t, r, order(relay.Shopee, "a", "old", relay.OrderOpen, "6001", 1))
	accept(t, r, order(relay.TikTok, "b", "named", relay.OrderOpen, "8001", 2))
	accept(t, r, order(relay.Lazada, "c", "young", relay.OrderOpen, "4001", 1))
	ctx := context.Background()
	if err := r.eng.ApplyDelta(ctx, "gw1", 2, stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Pick, Qty: -2, OrderRef: "tiktok:named"}); err != nil {
		t.Fatal(err)
	}
	if err := r.eng.ApplyDelta(ctx, "gw1", 3, stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Pick, Qty: -1}); err != nil {
		t.Fatal(err)
	}
	res := r.eng.Reservations()
	if len(res) != 1 || res[0].OrderID != "young" {
		t.Fatalf("left reservations %+v, want only young", res)
	}
	if l := r.eng.Level(tee, "wh1"); l.OnHand != 7 || l.Reserved != 1 {
		t.Errorf("level %+v, want on hand 7 reserved 1", l)
	}
	wantAll(t, r, 6)
}

func TestReturnRestocksOnlyOnWarehouseConfirmation(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 1)
	accept(t, r, order(relay.Shopify, "w1", "o1", relay.OrderOpen, "2001", 1))
	ctx := context.Background()
	if err := r.eng.ApplyDelta(ctx, "gw1", 2, stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Pick, Qty: -1, OrderRef: "o1"}); err != nil {
		t.Fatal(err)
	}
	accept(t, r, order(relay.Shopify, "w2", "o1", relay.OrderIgnored, "", 0)) // refunds/create with return
	wantAll(t, r, 0)
	if err := r.eng.ApplyDelta(ctx, "gw1", 3, stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Return, Qty: 1}); err != nil {
		t.Fatal(err)
	}
	wantAll(t, r, 1)
}

func TestLocksReduceOtherChannelsAndFloorAtZero(t *testing.T) {
	r := newRig(t, stock.Config{SafetyBuffer: 1, ChannelBuffer: map[string]int64{"tiktok": 0}}, nil)
	receive(t, r, "gw1", 1, 10)
	if err := r.eng.SetLock(context.Background(), relay.Shopee, tee, 4); err != nil {
		t.Fatal(err)
	}
	want := map[relay.Channel]int64{relay.Shopify: 5, relay.Lazada: 5, relay.Shopee: 9, relay.TikTok: 6}
	for ch, q := range want {
		if got := r.out[ch].qty(r.target(t, ch, tee)); got != q {
			t.Errorf("%s = %d, want %d", ch, got, q)
		}
	}
	accept(t, r, order(relay.Shopee, "s", "big", relay.OrderOpen, "6001", 50))
	wantAll(t, r, 0)
}

func TestSeqDedupeGapAndUnknownGateway(t *testing.T) {
	r := newRig(t, stock.Config{Gateways: stock.GatewaySites{"gw1": "wh1"}}, nil)
	ctx := context.Background()
	d := stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Receive, Qty: 1}
	first := []stock.Sequenced{{Seq: 41, Delta: d}, {Seq: 42, Delta: d}, {Seq: 42, Delta: d}}
	if _, err := r.eng.ApplyBatch(ctx, "gw1", first); !errors.Is(err, stock.ErrSeqGap) {
		t.Fatalf("a first batch after seq 1 was applied at once: %v", err)
	}
	last, err := r.eng.ApplyBatch(ctx, "gw1", first) // sent again, no seq 1 meanwhile: the stream starts there
	if err != nil || last != 42 {
		t.Fatalf("first batch: last %d err %v", last, err)
	}
	last, err = r.eng.ApplyBatch(ctx, "gw1", []stock.Sequenced{{Seq: 43, Delta: d}, {Seq: 45, Delta: d}})
	if !errors.Is(err, stock.ErrSeqGap) || last != 43 {
		t.Fatalf("gap: last %d err %v", last, err)
	}
	if _, err := r.eng.ApplyBatch(ctx, "gw9", []stock.Sequenced{{Seq: 1, Delta: d}}); !errors.Is(err, stock.ErrUnknownGateway) {
		t.Fatalf("unknown gateway: %v", err)
	}
	if l := r.eng.Level(tee, "wh1"); l.OnHand != 3 {
		t.Errorf("on hand %d, want 3", l.OnHand)
	}
	c := r.eng.Counters()
	if c.DuplicateDeltas != 1 || c.Gaps != 2 || c.UnknownGateways != 1 {
		t.Errorf("counters %+v", c)
	}
}

func TestMalformedDeltaIsKeptAndSeqAdvances(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	ctx := context.Background()
	bad := []stock.Sequenced{
		{Seq: 1, Delta: stock.Delta{Site: "wh1", Kind: stock.Receive, Qty: 1}},
		{Seq: 2, Delta: stock.Delta{SKU: tee, Kind: "teleport", Qty: 1}},
		{Seq: 3, Delta: stock.Delta{SKU: tee, Kind: stock.Pick, Qty: 5}},
		{Seq: 4, Delta: stock.Delta{SKU: "NOT-MAPPED", Kind: stock.Receive, Qty: 5}},
	}
	last, err := r.eng.ApplyBatch(ctx, "gw1", bad)
	if err != nil || last != 4 {
		t.Fatalf("last %d err %v", last, err)
	}
	c := r.eng.Counters()
	if c.RejectedDeltas != 3 || c.UnknownSKUs != 1 {
		t.Errorf("counters %+v", c)
	}
	raw, err := r.store.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(raw.Records[stock.TableRejected]); n != 3 {
		t.Errorf("rejected table has %d records, want 3", n)
	}
	if l := r.eng.Level("NOT-MAPPED", ""); l.OnHand != 5 {
		t.Errorf("unmapped sku lost: %+v", l)
	}
}

func TestStateSurvivesReopen(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	accept(t, r, order(relay.TikTok, "n1", "o1", relay.OrderOpen, "8001", 4))
	if err := r.store.Close(); err != nil {
		t.Fatal(err)
	}
	r.open(t, stock.Config{}, nil)
	if l := r.eng.Level(tee, "wh1"); l.OnHand != 10 || l.Reserved != 4 {
		t.Errorf("after reopen %+v", l)
	}
	accept(t, r, order(relay.TikTok, "n1", "o1", relay.OrderOpen, "8001", 4))
	if err := r.eng.ApplyDelta(context.Background(), "gw1", 1, stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Receive, Qty: 10}); err != nil {
		t.Fatal(err)
	}
	if l := r.eng.Level(tee, "wh1"); l.OnHand != 10 || l.Reserved != 4 {
		t.Errorf("replays were applied again: %+v", l)
	}
}

func TestFailedCommitChangesNothing(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	fs := &failingStore{Store: r.store, left: 1}
	eng, err := stock.New(context.Background(), stock.Options{Store: fs, Mapping: r.m})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := eng.ApplyDelta(ctx, "gw1", 1, stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Receive, Qty: 5}); err != nil {
		t.Fatal(err)
	}
	err = eng.AcceptOrder(ctx, order(relay.Shopify, "w1", "o1", relay.OrderOpen, "2001", 2))
	if !errors.Is(err, errDisk) {
		t.Fatalf("err %v, want the store's", err)
	}
	if l := eng.Level(tee, "wh1"); l.Reserved != 0 || len(eng.Reservations()) != 0 {
		t.Errorf("failed commit left %+v", l)
	}
	fs.left = 1
	if err := eng.AcceptOrder(ctx, order(relay.Shopify, "w1", "o1", relay.OrderOpen, "2001", 2)); err != nil {
		t.Fatal(err)
	}
	if l := eng.Level(tee, "wh1"); l.Reserved != 2 {
		t.Errorf("redelivery after failure: %+v", l)
	}
}

func TestBadOrderAndUnknownLines(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	if err := r.eng.AcceptOrder(context.Background(), relay.OrderEvent{Channel: "ebay", EventID: "x", OrderID: "y"}); !errors.Is(err, stock.ErrBadOrder) {
		t.Errorf("bad channel: %v", err)
	}
	if err := r.eng.AcceptOrder(context.Background(), order(relay.Lazada, "e", "o", relay.OrderOpen, "", 0)); !errors.Is(err, stock.ErrNoFetcher) {
		t.Errorf("no fetcher: %v", err)
	}
	accept(t, r, order(relay.Lazada, "e", "o", relay.OrderOpen, "999", 1))
	if c := r.eng.Counters(); c.UnknownLines != 1 {
		t.Errorf("unknown lines %d", c.UnknownLines)
	}
}

func TestChannelReportedLockReducesOtherChannels(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	ev := relay.OrderEvent{Channel: relay.TikTok, EventID: "n27", Lock: &relay.OrderLine{Item: "7001", Variant: "8001", Qty: 3}}
	accept(t, r, ev)
	accept(t, r, ev)
	if got := r.out[relay.Shopee].qty(r.target(t, relay.Shopee, tee)); got != 7 {
		t.Errorf("shopee = %d, want 7", got)
	}
	if got := r.out[relay.TikTok].qty(r.target(t, relay.TikTok, tee)); got != 10 {
		t.Errorf("tiktok = %d, want 10 (its own lock is part of its stock)", got)
	}
}

func TestPickBeforeTheOrderArrivesIsNotReservedAgain(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	ctx := context.Background()
	// The relay was down: the warehouse picked Shopee order late-1 first.
	if err := r.eng.ApplyDelta(ctx, "gw1", 2, stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Pick, Qty: -2, OrderRef: "shopee:late-1"}); err != nil {
		t.Fatal(err)
	}
	accept(t, r, order(relay.Shopee, "p1", "late-1", relay.OrderOpen, "6001", 3))
	if l := r.eng.Level(tee, "wh1"); l.OnHand != 8 || l.Reserved != 1 {
		t.Errorf("level %+v, want on hand 8 and only the unpicked unit reserved", l)
	}
	wantAll(t, r, 7)
}
