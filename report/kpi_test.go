package report_test

import (
	"testing"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/report"
)

// The shop ledger, period 2026-01-01 .. 2026-01-10 (10 days, d0..d9):
//
//	A1@L1: Dec 20 receive 10 @1.00; d1 sale 4 (O1); d4 receive 5 @2.00;
//	       d5 sale 8 (O2): FIFO 6×1.00 + 2×2.00 = 10.00
//	B1@L1: 2025-06-01 receive 5 @3.00, never sold (dead stock)
//	C1@L2: d2 receive 2 @5.00; d3 sale 2 (O3); d8 receive 1 @5.00
func shop(t *testing.T) (*report.Engine, *report.Dataset) {
	l := ledgertest.Open(t, nil)
	add(t, l,
		recv("a-r1", "A1", "L1", 10, 100, at(-11, 9)),
		recv("b-r1", "B1", "L1", 5, 300, at(-213, 9)), // 2025-06-01
		sale("a-s1", "A1", "L1", 4, "O1", at(2, 10)),
		recv("c-r1", "C1", "L2", 2, 500, at(3, 9)),
		sale("c-s1", "C1", "L2", 2, "O3", at(4, 15)),
		recv("a-r2", "A1", "L1", 5, 200, at(5, 9)),
		sale("a-s2", "A1", "L1", 8, "O2", at(6, 11)),
		recv("c-r2", "C1", "L2", 1, 500, at(9, 9)),
		sale("late", "A1", "L1", 1, "", at(12, 9)), // after the period: only anchors
	)
	cfg := report.Config{Items: []report.Item{
		{SKU: "A1", Price: "2.50", ReorderPoint: 5, SafetyStock: 2},
		{SKU: "C1", Price: "8.00", SafetyStock: 1, LeadTimeDays: 5},
	}}
	orders := map[string]map[string]int64{"O1": {"A1": 4}, "O2": {"A1": 7}}
	e, err := report.New(l, cfg, orders, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := report.NewPeriod(at(1, 0), at(11, 0))
	if err != nil || p.Days() != 10 {
		t.Fatalf("period %v %v", p, err)
	}
	d, err := e.Collect(p)
	if err != nil {
		t.Fatal(err)
	}
	return e, d
}

func TestDatasetSeries(t *testing.T) {
	_, d := shop(t)
	a := d.SKU("A1")
	// closing A1: d0 10, d1..d3 6, d4 11, d5..d9 3 → Σ 10+18+11+15 = 54
	// value: 10.00, 6.00×3, 16.00, 6.00×5 → Σ 1000+1800+1600+3000 = 7400
	if a.OpenQty != 10 || a.CloseQty != 3 || a.QtyArea != 54 || a.ValueArea != 7400 || a.COGS != 1400 {
		t.Errorf("A1 = %+v", a)
	}
	if got := a.Daily(d.Period); got[0] != 10 || got[1] != 6 || got[4] != 11 || got[9] != 3 {
		t.Errorf("A1 daily = %v", got)
	}
	// C1 first seen d2: active d2..d9 = 8 days; out d3..d7 = 5 days
	c := d.SKU("C1")
	if c.ActiveDays != 8 || c.OutDays != 5 || c.ValueArea != 2000 || c.CloseQty != 1 {
		t.Errorf("C1 = %+v", c)
	}
}

func TestShopReports(t *testing.T) {
	e, d := shop(t)
	cases := map[string]map[string]string{
		// net sold A1 12, C1 2, B1 0 (total 14): A1 starts at 0 % → A;
		// C1 starts at 12/14 = 85.7 % → B; B1 sold nothing → C
		"abc": {"class A / B / C": "1 / 1 / 1", "net units sold": "14"},
		// COGS 14.00 + 10.00 = 24.00; Σ daily closing values 7400 +
		// 15000 + 2000 = 24400 over 10 days → average 24.40;
		// turnover 2400×10/24400 = 0.9836; days 24400/2400 = 10.17
		"turnover": {"COGS": "24.00", "average inventory at cost": "24.40", "turnover": "0.98", "days of inventory": "10.2"},
		// 5 SKU-days out of 10 + 10 + 8 = 28 → 17.857 %
		"stockout": {"stockout rate": "17.86 %", "SKU-days out / active": "5 / 28"},
		// sold 14 ÷ (opening 10 + 5 + 0 = 15, received 5 + 3 = 8) = 60.87 %
		"sell-through": {"sell-through (sold ÷ (opening on hand + received))": "60.87 %", "sold ÷ received": "175.00 %"},
		// B1: 5 units since 2025-06-01, no sale in 180 days, 5 × 3.00
		"dead-stock": {"dead SKUs": "1 (no sale in 180 days)", "dead stock value": "15.00"},
		// stocked at the end: A1 3, B1 5, C1 1 → ⌈10 % × 3⌉ = 1: B1
		"slow-movers": {"slow movers": "1 of 3 SKUs with stock"},
		// revenue 12 × 2.50 + 2 × 8.00 = 46.00; COGS 24.00; profit 22.00;
		// margin 22/46 = 47.83 %
		"profit": {"revenue": "46.00", "COGS": "24.00", "gross profit (priced SKUs)": "22.00", "gross margin": "47.83 %"},
		// O1 correct, O2 picked 8 of 7 ordered, O3 not in the list
		"fulfilment": {"order fulfilment accuracy": "50.00 %", "orders correct / checked": "1 / 2", "picked orders not in the orders list": "1"},
		// A1 3 ≤ reorder point 5 (> safety 2): reorder; C1: point
		// ⌈2 sold × 5 days ÷ 10 days⌉ + 1 = 2, on hand 1 ≤ safety 1: critical
		"low-stock": {"SKUs at or below their reorder point": "2"},
	}
	for name, want := range cases {
		wantFigures(t, build(t, e, d, name), want)
	}
	slow := build(t, e, d, "slow-movers")
	if len(slow.Rows) != 1 || slow.Rows[0][0] != "B1" {
		t.Errorf("slow movers %v, want B1", slow.Rows)
	}
	low := report.LowStock(d)
	if len(low) != 2 || low[0] != (report.Low{SKU: "A1", OnHand: 3, ReorderPoint: 5, SafetyStock: 2, Level: "reorder"}) ||
		low[1] != (report.Low{SKU: "C1", OnHand: 1, ReorderPoint: 2, SafetyStock: 1, Level: "critical"}) {
		t.Errorf("low stock %+v", low)
	}
	if cls := report.Classify(d, 0.8, 0.15); cls.Of("A1") != report.ClassA || cls.Of("C1") != report.ClassB || cls.Of("B1") != report.ClassC {
		t.Errorf("classes %v", cls)
	}
}

// pruned hides the first events of the log, as Prune would after folding
// them into the checkpoint.
type pruned struct {
	*ledger.Ledger
	upto uint64
}

func (p pruned) Log(f ledger.LogFilter, fn func(*ledger.Event) error) error {
	f.AfterSeq = max(f.AfterSeq, p.upto)
	return p.Ledger.Log(f, fn)
}

func TestPrunedLogAnchorsToValuation(t *testing.T) {
	l := ledgertest.Open(t, nil)
	add(t, l,
		recv("a-r1", "A1", "L1", 10, 100, at(-11, 9)),
		recv("b-r1", "B1", "L1", 5, 300, at(-213, 9)),
		sale("a-s1", "A1", "L1", 4, "", at(2, 10)),
	)
	p, _ := report.NewPeriod(at(1, 0), at(11, 0))
	d, err := report.Collect(pruned{l, 2}, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	// the log shows only the sale; Valuation says A1 holds 6 worth 6.00
	// now, so A1 opened at 6 + 4 = 10 worth 10.00, and B1 at 5 worth 15.00
	if a := d.SKU("A1"); a.OpenQty != 10 || a.OpenValue != 1000 || a.CloseQty != 6 {
		t.Errorf("A1 %+v", a)
	}
	if b := d.SKU("B1"); b.OpenQty != 5 || b.OpenValue != 1500 || !b.FirstSeen.IsZero() {
		t.Errorf("B1 %+v", b)
	}
}

func TestBackdatedEventsLandOnTheirDay(t *testing.T) {
	l := ledgertest.Open(t, nil)
	add(t, l,
		recv("r1", "X", "L1", 5, 100, at(1, 9)),
		sale("s1", "X", "L1", 5, "", at(6, 9)),
		recv("r0", "X", "L1", 2, 100, at(3, 9)), // recorded last, happened on d2
	)
	p, _ := report.NewPeriod(at(1, 0), at(11, 0))
	d, err := report.Collect(l, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	// closing: d0 5, d1 5, d2 7, d3 7, d4 7, d5 2, d6..d9 2
	want := []int64{5, 5, 7, 7, 7, 2, 2, 2, 2, 2}
	got := d.SKU("X").Daily(p)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("daily %v, want %v", got, want)
		}
	}
	// Σ = 10 + 21 + 10 = 41 unit-days
	if x := d.SKU("X"); x.QtyArea != 41 || x.OutDays != 0 || x.ActiveDays != 10 {
		t.Errorf("X %+v", x)
	}
}
