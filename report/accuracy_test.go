package report_test

import (
	"context"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/report"
)

type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

// counted builds a ledger with one finished count on 2026-01-10 at L3:
// D1 book 100 counted 100, D2 book 100 counted 90, D3 book 100 counted
// 110, D4 (serialized) book 100 counted 101.
func counted(t *testing.T) *ledger.Ledger {
	ctx := context.Background()
	clk := &clock{at(10, 8)}
	l := ledgertest.Open(t, &ledger.Options{Now: clk.Now})
	for _, sku := range []string{"D1", "D2", "D3", "D4"} {
		add(t, l, recv("r-"+sku, sku, "L3", 100, 100, at(-30, 9)))
	}
	if _, err := l.StartCount(ctx, ledger.CountSession{ID: "K1", Locations: []string{"L3"}, User: "sup"}); err != nil {
		t.Fatal(err)
	}
	for sku, n := range map[string]int64{"D1": 100, "D2": 90, "D3": 110, "D4": 101} {
		if _, err := l.RecordCount(ctx, "K1", sku, "L3", n, "bob"); err != nil {
			t.Fatal(err)
		}
	}
	clk.now = at(10, 9)
	if _, err := l.FinishCount(ctx, "K1"); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestAccuracyNeverNetsVariances(t *testing.T) {
	l := counted(t)
	cfg := report.Config{Items: []report.Item{{SKU: "D4", Serialized: true}}}
	e, err := report.New(l, cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := report.NewPeriod(at(1, 0), at(11, 0))
	rs, err := e.Run("accuracy", p)
	if err != nil {
		t.Fatal(err)
	}
	// nothing sold: every SKU is class C (±5 %). D1 exact: within. D2
	// −10 = 10 % and D3 +10 = 10 %: both outside, although they net to
	// zero. D4 +1 = 1 % is inside ±5 % but serialized items must be
	// exact: outside. IRA = 1/4 = 25 %. Unit-weighted: Σ|variance| =
	// 0+10+10+1 = 21 over Σ book 400 → 1 − 21/400 = 94.75 %.
	wantFigures(t, rs[0], map[string]string{
		"inventory record accuracy":                         "25.00 %",
		"lines within tolerance / counted":                  "1 / 4",
		"unit-weighted accuracy (1 − Σ|variance| ÷ Σ book)": "94.75 %",
	})
	// outside the period: no lines
	p2, _ := report.NewPeriod(at(11, 0), at(12, 0))
	rs, _ = e.Run("accuracy", p2)
	wantFigures(t, rs[0], map[string]string{"lines within tolerance / counted": "0 / 0"})
}

func TestWithinTolerance(t *testing.T) {
	// A ±1 %: book 200 allows |variance| ≤ 2
	bp := report.ToleranceBP(report.Config{}.WithDefaults().Tolerance, report.ClassA)
	for _, c := range []struct {
		book, counted int64
		want          bool
	}{{200, 202, true}, {200, 203, false}, {200, 198, true}, {200, 197, false}, {0, 0, true}, {0, 1, false}} {
		if got := report.WithinTolerance(ledger.CountLine{Book: c.book, Counted: c.counted}, bp); got != c.want {
			t.Errorf("book %d counted %d: %v, want %v", c.book, c.counted, got, c.want)
		}
	}
}

func TestAccuracyUsesTheToleranceRecordedWithTheLine(t *testing.T) {
	ctx := context.Background()
	clk := &clock{at(10, 8)}
	l := ledgertest.Open(t, &ledger.Options{Now: clk.Now})
	add(t, l, recv("r", "E1", "L4", 100, 100, at(-30, 9)))
	s := ledger.CountSession{ID: "K2", Locations: []string{"L4"}, Tolerances: map[string]ledger.Tolerance{"E1": {Class: "B", BP: 1000}}}
	if _, err := l.StartCount(ctx, s); err != nil {
		t.Fatal(err)
	}
	if _, err := l.RecordCount(ctx, "K2", "E1", "L4", 91, "bob"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.FinishCount(ctx, "K2"); err != nil {
		t.Fatal(err)
	}
	e, _ := report.New(l, report.Config{}, nil, nil)
	p, _ := report.NewPeriod(at(1, 0), at(11, 0))
	rs, err := e.Run("accuracy", p)
	if err != nil {
		t.Fatal(err)
	}
	// −9 of 100 is inside the ±10 % the line was counted under (class C
	// now would allow only ±5 %)
	wantFigures(t, rs[0], map[string]string{"inventory record accuracy": "100.00 %"})
	if row := rs[0].Rows[0]; row[3] != "B" || row[7] != "10.00 %" {
		t.Errorf("row %v", row)
	}
}
