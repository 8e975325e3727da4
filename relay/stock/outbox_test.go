package stock_test

import (
	"context"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

func TestPendingPushesSurviveARestartUntilConfirmed(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	shopify := r.target(t, relay.Shopify, tee)
	lazada := r.target(t, relay.Lazada, tee)
	it := relay.Item{Target: shopify, Qty: 10, Gen: 1}
	if err := r.eng.Confirm(context.Background(), []relay.Item{it}, 7); err != nil {
		t.Fatal(err)
	}
	r.store.Close()
	r.open(t, stock.Config{}, nil)
	if got := r.out[relay.Lazada].qty(lazada); got != 10 {
		t.Errorf("lazada's unconfirmed push was not resumed: %d", got)
	}
	if n := r.out[relay.Shopify].n; n != 0 {
		t.Errorf("shopify's confirmed push was resumed (%d items)", n)
	}
	for _, o := range r.eng.Outbox() {
		if o.Target == shopify && (o.Told != 10 || o.Pending || o.Epoch != 7) {
			t.Errorf("shopify outbox %+v", o)
		}
		if o.Target == lazada && (!o.Pending || o.Told != -1) {
			t.Errorf("lazada outbox %+v", o)
		}
	}
}

func TestAStaleConfirmLeavesTheNewerQuantityPending(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	receive(t, r, "gw1", 2, 5)
	tg := r.target(t, relay.TikTok, tee)
	if err := r.eng.Confirm(context.Background(), []relay.Item{{Target: tg, Qty: 10, Gen: 1}}, 1); err != nil {
		t.Fatal(err)
	}
	for _, o := range r.eng.Outbox() {
		if o.Target == tg && (!o.Pending || o.Qty != 15 || o.Told != 10) {
			t.Errorf("outbox %+v, want 15 still pending after confirming 10", o)
		}
	}
}
