package ledger_test

import (
	"context"
	"testing"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
)

func valuation(t *testing.T, l *ledger.Ledger, sku string) ledger.SKUValue {
	t.Helper()
	v, err := l.Valuation(sku)
	if err != nil || len(v) != 1 {
		t.Fatalf("valuation %s: %v %+v", sku, err, v)
	}
	return v[0]
}

func TestFIFOSaleConsumesOldestLayersFirst(t *testing.T) {
	l := ledgertest.Open(t, nil)
	mustAppend(t, l, receive("r1", "SKU-1", "A", 5, 100))
	mustAppend(t, l, receive("r2", "SKU-1", "A", 5, 150))
	sale := mustAppend(t, l, ev("s1", ledger.Sale, "SKU-1", "A", 7))
	// 5 × 1.00 + 2 × 1.50
	if sale.Event.COGS != 800 {
		t.Fatalf("COGS %d, want 800", sale.Event.COGS)
	}
	v := valuation(t, l, "SKU-1")
	if v.OnHand != 3 || v.Value != 450 || len(v.Layers) != 1 || v.Layers[0].UnitCost != 150 {
		t.Fatalf("valuation %+v, want 3 units at 1.50", v)
	}
}

func TestSaleIntoNegativeCreatesLayerSettledByNextReceipt(t *testing.T) {
	l := ledgertest.Open(t, &ledger.Options{AllowNegative: []string{"A"}})
	mustAppend(t, l, receive("r1", "SKU-1", "A", 2, 100))
	sale := mustAppend(t, l, ev("s1", ledger.Sale, "SKU-1", "A", 5))
	// 2 from the layer at 1.00, 3 short valued at the last cost 1.00
	if sale.Event.COGS != 500 {
		t.Fatalf("COGS %d, want 500", sale.Event.COGS)
	}
	if v := valuation(t, l, "SKU-1"); v.OnHand != -3 || v.Value != -300 {
		t.Fatalf("after overselling: %+v", v)
	}
	rec := mustAppend(t, l, receive("r2", "SKU-1", "A", 10, 120))
	// 3 oversold units really cost 1.20: a correction of +0.60
	if rec.Event.COGS != 60 {
		t.Fatalf("settlement correction %d, want 60", rec.Event.COGS)
	}
	if v := valuation(t, l, "SKU-1"); v.OnHand != 7 || v.Value != 840 || len(v.Layers) != 1 {
		t.Fatalf("after settlement: %+v, want 7 at 1.20", v)
	}
}

func TestReturnsRestockOrGoToDamaged(t *testing.T) {
	l := ledgertest.Open(t, nil)
	mustAppend(t, l, receive("r1", "SKU-1", "A", 5, 100))
	mustAppend(t, l, ev("s1", ledger.Sale, "SKU-1", "A", 3))
	mustAppend(t, l, ev("ret1", ledger.Return, "SKU-1", "A", 1))
	damaged := ev("ret2", ledger.Return, "SKU-1", "A", 1)
	damaged.Damaged = true
	mustAppend(t, l, damaged)
	bs, _ := l.Balances("SKU-1", "A")
	if bs[0].OnHand != 3 || bs[0].Damaged != 1 {
		t.Fatalf("balance %+v, want 3 on hand and 1 damaged", bs[0])
	}
	if v := valuation(t, l, "SKU-1"); v.Value != 300 {
		t.Fatalf("value %d: a sellable return is valued at the last cost, damaged at zero", v.Value)
	}
}

func TestCOGSByPeriod(t *testing.T) {
	l := ledgertest.Open(t, nil)
	mustAppend(t, l, receive("r1", "SKU-1", "A", 10, 100))
	s1 := ev("s1", ledger.Sale, "SKU-1", "A", 2)
	s2 := ev("s2", ledger.Sale, "SKU-1", "A", 3)
	s2.Time = t0.AddDate(0, 1, 0)
	adj := ev("a1", ledger.Adjust, "SKU-1", "A", -1)
	adj.Reason = "broken"
	for _, e := range []ledger.Event{s1, s2, adj} {
		mustAppend(t, l, e)
	}
	p, err := l.COGS(t0, t0.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if p.COGS != 200 || p.UnitsSold != 2 || p.Shrink != 100 || p.Sales != 1 {
		t.Fatalf("period %+v, want COGS 2.00 for 2 units and shrink 1.00", p)
	}
}

func TestBaselineNeedsFrozenOrEmptyLocation(t *testing.T) {
	l := ledgertest.Open(t, nil)
	ctx := context.Background()
	mustAppend(t, l, receive("r1", "SKU-1", "A", 5, 100))
	base := ev("b1", ledger.Baseline, "SKU-2", "A", 4)
	base.UnitCost = ledger.Cost(300)
	if _, err := l.Append(ctx, base); err == nil {
		t.Fatal("baseline at a stocked, unfrozen location was accepted")
	}
	base.Location = "EMPTY"
	if r := mustAppend(t, l, base); r.Event.Postings[0].After != 4 {
		t.Fatalf("baseline posting %+v", r.Event.Postings)
	}
	if _, err := l.StartCount(ctx, ledger.CountSession{ID: "c1", Locations: []string{"A"}}); err != nil {
		t.Fatal(err)
	}
	base.ID, base.Location = "b2", "A"
	mustAppend(t, l, base)
}
