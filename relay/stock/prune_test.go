package stock_test

import (
	"context"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

func TestPruneKeepsOpenOrdersAndForgetsOldIDs(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	accept(t, r, order(relay.Shopify, "w1", "open", relay.OrderOpen, "2001", 1))
	accept(t, r, order(relay.Shopify, "w2", "gone", relay.OrderOpen, "2001", 1))
	accept(t, r, order(relay.Shopify, "w3", "gone", relay.OrderCancelled, "", 0))
	ctx := context.Background()
	if n, err := r.eng.Prune(ctx, time.Now().Add(-time.Hour)); err != nil || n != 0 {
		t.Fatalf("pruned %d fresh records, err %v", n, err)
	}
	n, err := r.eng.Prune(ctx, time.Now().Add(time.Hour))
	if err != nil || n != 4 { // three ids and the cancelled order
		t.Fatalf("pruned %d, err %v; want 4", n, err)
	}
	accept(t, r, order(relay.Shopify, "w1", "open", relay.OrderOpen, "2001", 1))
	if l := r.eng.Level(tee, "wh1"); l.Reserved != 1 {
		t.Errorf("an open order was forgotten: %+v", l)
	}
}
