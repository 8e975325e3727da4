package stock_test

import (
	"context"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

func revised(ev relay.OrderEvent, rev int64) relay.OrderEvent {
	ev.Revision = rev
	return ev
}

// A Shopify order edited upwards holds more back from the other channels
// at once; a stale revision changes nothing; an edit down releases units
// but never those the warehouse already picked.
func TestOrderEditsMoveReservations(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	accept(t, r, revised(order(relay.Shopify, "w1", "o1", relay.OrderOpen, "2001", 3), 100))
	wantAll(t, r, 7)
	accept(t, r, revised(order(relay.Shopify, "w2", "o1", relay.OrderOpen, "2001", 5), 200)) // raised to 5
	wantAll(t, r, 5)
	accept(t, r, revised(order(relay.Shopify, "w3", "o1", relay.OrderOpen, "2001", 1), 150)) // late, older
	wantAll(t, r, 5)
	pick := stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Pick, Qty: -2, OrderRef: "shopify:o1"}
	if err := r.eng.ApplyDelta(context.Background(), "gw1", 2, pick); err != nil {
		t.Fatal(err)
	}
	if l := r.eng.Level(tee, "wh1"); l.OnHand != 8 || l.Reserved != 3 {
		t.Fatalf("after picking 2 of 5: %+v", l)
	}
	accept(t, r, revised(order(relay.Shopify, "w4", "o1", relay.OrderOpen, "2001", 1), 300)) // lowered to 1
	if l := r.eng.Level(tee, "wh1"); l.OnHand != 8 || l.Reserved != 0 {
		t.Fatalf("after lowering to 1 with 2 picked: %+v, want nothing reserved", l)
	}
	wantAll(t, r, 8)
	if c := r.eng.Counters(); c.OrderEdits != 2 {
		t.Errorf("order edits = %d, want 2", c.OrderEdits)
	}
}

// An edit that adds a line for another listing reserves it, and the
// order's lines survive a restart.
func TestOrderEditAddsALineAfterReopen(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	if err := r.eng.ApplyDelta(context.Background(), "gw1", 2, stock.Delta{SKU: "MUG-BLUE", Site: "wh1", Kind: stock.Receive, Qty: 4}); err != nil {
		t.Fatal(err)
	}
	accept(t, r, revised(order(relay.Shopify, "w1", "o2", relay.OrderOpen, "2001", 2), 100))
	if err := r.store.Close(); err != nil {
		t.Fatal(err)
	}
	r.open(t, stock.Config{}, nil)
	edit := revised(order(relay.Shopify, "w2", "o2", relay.OrderOpen, "2001", 2), 200)
	edit.Lines = append(edit.Lines, relay.OrderLine{Variant: "2002", Qty: 3})
	accept(t, r, edit)
	if l := r.eng.Level("MUG-BLUE", "wh1"); l.Reserved != 3 {
		t.Errorf("added line: %+v, want 3 reserved", l)
	}
	if l := r.eng.Level(tee, "wh1"); l.Reserved != 2 {
		t.Errorf("unchanged line: %+v, want 2 reserved", l)
	}
}

// Without a revision a repeated open is a repeat, whatever its lines.
func TestOpenWithoutRevisionIsNotAnEdit(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	accept(t, r, order(relay.Lazada, "e1", "o3", relay.OrderOpen, "4001", 2))
	accept(t, r, order(relay.Lazada, "e2", "o3", relay.OrderOpen, "4001", 6))
	wantAll(t, r, 8)
}
