package stock_test

import (
	"context"
	"errors"
	"testing"

	"github.com/edged/edged/relay/stock"
)

// Batch 2 of a new gateway overtaking batch 1 (two relays, one shared
// subscription) must not make batch 1 a duplicate.
func TestNewGatewaysSecondBatchWaitsForItsFirst(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	ctx := context.Background()
	d := stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Receive, Qty: 1}
	if last, err := r.eng.ApplyBatch(ctx, "gw1@e1", []stock.Sequenced{{Seq: 3, Delta: d}, {Seq: 4, Delta: d}}); !errors.Is(err, stock.ErrSeqGap) || last != 0 {
		t.Fatalf("batch 2 first: last %d, %v; want it held", last, err)
	}
	last, err := r.eng.ApplyBatch(ctx, "gw1@e1", []stock.Sequenced{{Seq: 1, Delta: d}, {Seq: 2, Delta: d}})
	if err != nil || last != 4 {
		t.Fatalf("batch 1: last %d, %v; want 4 with the held batch", last, err)
	}
	if l := r.eng.Level(tee, "wh1"); l.OnHand != 4 {
		t.Errorf("on hand %d, want 4: every event once", l.OnHand)
	}
}
