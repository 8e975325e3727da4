package report_test

import (
	"context"
	"strings"
	"testing"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/report"
)

// Stock imported as a baseline during the period is opening stock: 30
// sold of 40 imported is 75 % sell-through, not 30 ÷ 0.
func TestSellThroughCountsTheBaselineAsOpeningStock(t *testing.T) {
	l := ledgertest.Open(t, nil)
	events, err := ledger.ParseBaselineCSV(strings.NewReader("sku,location,qty,unit_cost\nTEE,A,40,4.20\n"), "test")
	if err != nil {
		t.Fatal(err)
	}
	for i := range events {
		events[i].Time = at(2, 8)
	}
	if _, err := l.ImportBaseline(context.Background(), events); err != nil {
		t.Fatal(err)
	}
	add(t, l, sale("s1", "TEE", "A", 20, "", at(3, 10)), sale("s2", "TEE", "A", 10, "", at(4, 10)))
	e, err := report.New(l, report.Config{}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := report.NewPeriod(at(1, 0), at(11, 0))
	d, err := e.Collect(p)
	if err != nil {
		t.Fatal(err)
	}
	r := build(t, e, d, "sell-through")
	wantFigures(t, r, map[string]string{
		"sell-through (sold ÷ (opening on hand + received))": "75.00 %",
		"units sold / received / on hand at start":           "30 / 0 / 40",
	})
	if s := d.SKU("TEE"); s.Shrink != 0 || s.Baseline != 40 {
		t.Errorf("TEE: shrink %d, baseline %d", s.Shrink, s.Baseline)
	}
}
