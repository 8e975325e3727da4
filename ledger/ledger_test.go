package ledger_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func ev(id string, typ ledger.Type, sku, loc string, qty int64) ledger.Event {
	return ledger.Event{ID: id, Type: typ, SKU: sku, Location: loc, Qty: qty, Time: t0, User: "ana", Device: "scan-1"}
}

func receive(id, sku, loc string, qty, cost int64) ledger.Event {
	e := ev(id, ledger.Receive, sku, loc, qty)
	e.UnitCost = ledger.Cost(cost)
	return e
}

func mustAppend(t *testing.T, l *ledger.Ledger, e ledger.Event) ledger.Result {
	t.Helper()
	r, err := l.Append(context.Background(), e)
	if err != nil {
		t.Fatalf("append %s: %v", e.ID, err)
	}
	return r
}

func onHand(t *testing.T, l *ledger.Ledger, sku, loc string) int64 {
	t.Helper()
	bs, err := l.Balances(sku, loc)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) == 0 {
		return 0
	}
	return bs[0].OnHand
}

func TestAppendAssignsGapFreeSeqAndBalances(t *testing.T) {
	l := ledgertest.Open(t, nil)
	for i, e := range []ledger.Event{
		receive("r1", "SKU-1", "A-01", 10, 250),
		ev("s1", ledger.Sale, "SKU-1", "A-01", 3),
		{ID: "t1", Type: ledger.Transfer, SKU: "SKU-1", Location: "A-01", ToLocation: "B-02", Qty: 2},
	} {
		if r := mustAppend(t, l, e); r.Seq != uint64(i+1) || r.Duplicate {
			t.Fatalf("event %d: got %+v", i, r)
		}
	}
	if a, b := onHand(t, l, "SKU-1", "A-01"), onHand(t, l, "SKU-1", "B-02"); a != 5 || b != 2 {
		t.Fatalf("on hand A-01=%d B-02=%d, want 5 and 2", a, b)
	}
}

func TestDuplicateIDReturnsOriginalSeq(t *testing.T) {
	l := ledgertest.Open(t, nil)
	first := mustAppend(t, l, receive("r1", "SKU-1", "A-01", 10, 250))
	again := mustAppend(t, l, receive("r1", "SKU-1", "A-01", 10, 250))
	if !again.Duplicate || again.Seq != first.Seq {
		t.Fatalf("retry: got %+v, want duplicate of seq %d", again, first.Seq)
	}
	_, err := l.Append(context.Background(), receive("r1", "SKU-1", "A-01", 11, 250))
	if !errors.Is(err, ledger.ErrIDConflict) {
		t.Fatalf("conflicting reuse: got %v, want ErrIDConflict", err)
	}
	if got := onHand(t, l, "SKU-1", "A-01"); got != 10 {
		t.Fatalf("on hand %d after duplicate and conflict, want 10", got)
	}
}

func TestDuplicateWithoutClientTimeIsStillDuplicate(t *testing.T) {
	l := ledgertest.Open(t, nil)
	e := receive("r1", "SKU-1", "A-01", 10, 250)
	e.Time = time.Time{}
	first := mustAppend(t, l, e)
	if again := mustAppend(t, l, e); !again.Duplicate || again.Seq != first.Seq {
		t.Fatalf("retry without time: %+v", again)
	}
}

func TestNegativeStockRejectedUnlessAllowed(t *testing.T) {
	l := ledgertest.Open(t, &ledger.Options{AllowNegative: []string{"FLOOR"}})
	mustAppend(t, l, receive("r1", "SKU-1", "A-01", 2, 100))
	_, err := l.Append(context.Background(), ev("s1", ledger.Sale, "SKU-1", "A-01", 3))
	if !errors.Is(err, ledger.ErrNegativeStock) || !ledger.IsRejection(err) {
		t.Fatalf("oversell: got %v, want ErrNegativeStock", err)
	}
	mustAppend(t, l, ev("s2", ledger.Sale, "SKU-1", "FLOOR", 1))
	if got := onHand(t, l, "SKU-1", "FLOOR"); got != -1 {
		t.Fatalf("FLOOR on hand %d, want -1", got)
	}
	// the rejected event took no seq: the next one is contiguous
	if r := mustAppend(t, l, ev("s3", ledger.Sale, "SKU-1", "A-01", 1)); r.Seq != 3 {
		t.Fatalf("seq after rejection = %d, want 3", r.Seq)
	}
}

func TestInvalidEventsNameTheField(t *testing.T) {
	l := ledgertest.Open(t, nil)
	cases := map[string]ledger.Event{
		"id is required":    ev("", ledger.Sale, "S", "L", 1),
		"needs unit_cost":   ev("x1", ledger.Receive, "S", "L", 1),
		"needs to_location": ev("x2", ledger.Transfer, "S", "L", 1),
		"needs a reason":    ev("x3", ledger.Adjust, "S", "L", 1),
		"must be positive":  ev("x4", ledger.Sale, "S", "L", 0),
		"unknown type":      ev("x5", "steal", "S", "L", 1),
		"control byte":      ev("x6", ledger.Sale, "S\x01", "L", 1),
		"damaged applies":   {ID: "x7", Type: ledger.Sale, SKU: "S", Location: "L", Qty: 1, Damaged: true},
		"outside 1970-2200": {ID: "x8", Type: ledger.Sale, SKU: "S", Location: "L", Qty: 1, Time: time.Unix(5, 0)},
		"absolute quantity": ev("x9", ledger.Count, "S", "L", -1),
		"out of range":      ev("x10", ledger.Sale, "S", "L", ledger.MaxQty+1),
	}
	for want, e := range cases {
		_, err := l.Append(context.Background(), e)
		if !errors.Is(err, ledger.ErrInvalidEvent) || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: got %v, want ErrInvalidEvent mentioning %q", e, err, want)
		}
	}
}
