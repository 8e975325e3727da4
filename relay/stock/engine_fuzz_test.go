package stock_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

// FuzzEngine drives the engine with a random mix of deltas, orders,
// edits, cancellations, repeats and locks, and checks after every step that no
// quantity is negative and that reserved equals the open reservations, and
// at the end that a reopened store holds the same state.
func FuzzEngine(f *testing.F) {
	f.Add([]byte{0, 9, 2, 1, 3, 3, 1, 1, 4, 2, 5, 0})
	f.Add([]byte{2, 0, 2, 0, 0, 5, 1, 3, 3, 0, 6, 2})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 60 {
			ops = ops[:60]
		}
		r := newRig(t, stock.Config{SafetyBuffer: 1}, nil)
		ctx := context.Background()
		seq := uint64(0)
		for i := 0; i+1 < len(ops); i += 2 {
			step(t, ctx, r, &seq, ops[i]%7, int64(ops[i+1]%5))
			checkInvariants(t, r)
		}
		before, res := r.eng.Level(tee, "wh1"), r.eng.Reservations()
		r.store.Close()
		r.open(t, stock.Config{SafetyBuffer: 1}, nil)
		if after := r.eng.Level(tee, "wh1"); after != before || !slices.Equal(res, r.eng.Reservations()) {
			t.Fatalf("reopen changed state: %+v %v -> %+v %v", before, res, after, r.eng.Reservations())
		}
	})
}

func step(t *testing.T, ctx context.Context, r *rig, seq *uint64, op byte, n int64) {
	chs := []relay.Channel{relay.Shopify, relay.Lazada, relay.Shopee, relay.TikTok}
	variants := map[relay.Channel]string{relay.Shopify: "2001", relay.Lazada: "4001", relay.Shopee: "6001", relay.TikTok: "8001"}
	ch := chs[n%4]
	id := fmt.Sprint("o", n)
	var err error
	switch op {
	case 0, 1:
		*seq++
		kind, q := stock.Receive, n
		if op == 1 {
			kind, q = stock.Pick, -n
		}
		err = r.eng.ApplyDelta(ctx, "gw", *seq, stock.Delta{SKU: tee, Site: "wh1", Kind: kind, Qty: q, OrderRef: map[bool]string{true: id}[n%2 == 0]})
	case 2:
		err = r.eng.AcceptOrder(ctx, order(ch, fmt.Sprint("e", op, n), id, relay.OrderOpen, variants[ch], n+1))
	case 3: // an open or edited order with a revision (Shopify)
		err = r.eng.AcceptOrder(ctx, revised(order(ch, fmt.Sprint("e", op, n, *seq), id, relay.OrderOpen, variants[ch], n), int64(*seq)+1))
	case 4:
		err = r.eng.AcceptOrder(ctx, order(ch, fmt.Sprint("c", n), id, relay.OrderCancelled, "", 0))
	case 5:
		err = r.eng.SetLock(ctx, ch, tee, n)
	case 6:
		*seq++
		err = r.eng.ApplyDelta(ctx, "gw", *seq, stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Count, Qty: n * 3})
	}
	if err != nil {
		t.Fatalf("op %d n %d: %v", op, n, err)
	}
}

func checkInvariants(t *testing.T, r *rig) {
	t.Helper()
	sum := int64(0)
	for _, res := range r.eng.Reservations() {
		if res.Qty <= 0 {
			t.Fatalf("empty reservation kept: %+v", res)
		}
		sum += res.Qty
	}
	if l := r.eng.Level(tee, "wh1"); l.Reserved != sum {
		t.Fatalf("reserved %d, reservations sum to %d", l.Reserved, sum)
	}
	for _, tg := range r.m.Targets(tee) {
		if q := r.eng.Quantity(tg); q < 0 {
			t.Fatalf("%s quantity %d", tg.Channel, q)
		}
	}
}
