package stock_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/stock"
)

// auditStore is what both stores offer besides stock.Store.
type auditStore interface {
	audit.Reader
	PruneAudit(ctx context.Context, before time.Time) (int, error)
}

func trail(t *testing.T, s stock.Store, q audit.Query) []audit.Row {
	t.Helper()
	a, ok := s.(auditStore)
	if !ok {
		t.Fatalf("%T keeps no audit trail", s)
	}
	rows, err := a.Audit(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func kinds(rows []audit.Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Kind + ":" + r.SKU + ":" + fmt.Sprint(r.Qty) + ":" + r.Result
	}
	return out
}

func ledgerDelta(typ, id string, qty int64) stock.Delta {
	return stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Receive, Qty: qty, Event: &stock.EventInfo{
		ID: id, Type: typ, Location: "A-01", Worker: "ana", Device: "scanner-1",
		Happened: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), ClockSynced: true}}
}

func TestAuditHasARowOfEveryKind(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	ctx := context.Background()
	if _, err := r.eng.ApplyBatch(ctx, "gw1", []stock.Sequenced{
		{Seq: 1, Delta: ledgerDelta("baseline", "e1", 10)},
		{Seq: 2, Delta: stock.Delta{SKU: "", Site: "wh1", Kind: stock.Receive, Qty: 1}},
	}); err != nil {
		t.Fatal(err)
	}
	accept(t, r, order(relay.Shopify, "w1", "o1", relay.OrderOpen, "2001", 3))
	ed := order(relay.Shopify, "w2", "o2", relay.OrderOpen, "2001", 1)
	ed.Revision = 1
	accept(t, r, ed)
	ed.EventID, ed.Revision, ed.Lines[0].Qty = "w3", 2, 2
	accept(t, r, ed)
	accept(t, r, order(relay.Shopify, "w4", "o1", relay.OrderCancelled, "", 0))
	accept(t, r, relay.OrderEvent{Channel: relay.TikTok, EventID: "n1", Lock: &relay.OrderLine{Item: "7001", Variant: "8001", Qty: 4}})
	it := relay.Item{Target: r.target(t, relay.Lazada, tee), Qty: 5, Gen: 1}
	if err := r.eng.Confirm(ctx, []relay.Item{it}, 1); err != nil {
		t.Fatal(err)
	}
	if err := r.eng.PushFailed(ctx, relay.Lazada, []relay.PushFailure{{Item: it, Error: "lazada: 500"}}); err != nil {
		t.Fatal(err)
	}
	got := kinds(trail(t, r.store, audit.Query{}))
	want := []string{"push:TEE-RED-M:5:lazada: 500", "push:TEE-RED-M:5:ok", "lock:TEE-RED-M:4:",
		"cancel:TEE-RED-M:3:", "edit:TEE-RED-M:1:", "order:TEE-RED-M:1:", "order:TEE-RED-M:3:",
		"receive::0:malformed delta: empty sku", "baseline:TEE-RED-M:10:"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("trail, newest first:\n got %q\nwant %q", got, want)
	}
}

func TestAuditRowOfALedgerEventCarriesWhoWhatWhere(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	before := time.Now()
	if err := r.eng.ApplyDelta(context.Background(), "gw1", 1, ledgerDelta("receive", "e1", 7)); err != nil {
		t.Fatal(err)
	}
	rows := trail(t, r.store, audit.Query{SKU: tee})
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	g := rows[0]
	if g.Source != audit.FromGateway || g.Gateway != "gw1" || g.Seq != 1 || g.EventID != "e1" || g.Location != "A-01" ||
		g.Worker != "ana" || g.Device != "scanner-1" || !g.ClockSynced || g.Happened.Year() != 2026 ||
		g.OnHand == nil || *g.OnHand != 7 || g.ID == 0 || g.Recorded.Before(before.Add(-time.Second)) {
		t.Errorf("row %+v lacks the event's details", g)
	}
}

func TestAuditFailedCommitLeavesNoRow(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	fs := &failingStore{Store: r.store}
	e, err := stock.New(context.Background(), stock.Options{Store: fs, Mapping: r.m})
	if err != nil {
		t.Fatal(err)
	}
	err = e.ApplyDelta(context.Background(), "gw1", 1, ledgerDelta("receive", "e1", 7))
	if !errors.Is(err, errDisk) {
		t.Fatalf("err %v, want the disk's", err)
	}
	if rows := trail(t, r.store, audit.Query{}); len(rows) != 0 {
		t.Errorf("a failed commit left %d rows: %q", len(rows), kinds(rows))
	}
}
