package report_test

import (
	"context"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/report"
)

// at is a time on day d of January 2026 (d may be ≤ 0 for December).
func at(d, hour int) time.Time { return time.Date(2026, 1, d, hour, 0, 0, 0, time.UTC) }

func add(t testing.TB, l *ledger.Ledger, events ...ledger.Event) {
	t.Helper()
	for _, e := range events {
		if _, err := l.Append(context.Background(), e); err != nil {
			t.Fatalf("append %s: %v", e.ID, err)
		}
	}
}

func recv(id, sku, loc string, qty, cost int64, when time.Time) ledger.Event {
	return ledger.Event{ID: id, Type: ledger.Receive, SKU: sku, Location: loc, Qty: qty, UnitCost: ledger.Cost(cost), Time: when}
}

func sale(id, sku, loc string, qty int64, order string, when time.Time) ledger.Event {
	return ledger.Event{ID: id, Type: ledger.Sale, SKU: sku, Location: loc, Qty: qty, Order: order, Time: when}
}

// summary returns the value of a headline figure.
func summary(t *testing.T, r *report.Report, label string) string {
	t.Helper()
	for _, f := range r.Summary {
		if f.Label == label {
			return f.Value
		}
	}
	t.Fatalf("%s: no figure %q in %+v", r.Name, label, r.Summary)
	return ""
}

func build(t *testing.T, e *report.Engine, d *report.Dataset, name string) *report.Report {
	t.Helper()
	rs, err := e.Build(d, name)
	if err != nil {
		t.Fatal(err)
	}
	return rs[0]
}

func wantFigures(t *testing.T, r *report.Report, want map[string]string) {
	t.Helper()
	for label, v := range want {
		if got := summary(t, r, label); got != v {
			t.Errorf("%s: %s = %q, want %q", r.Name, label, got, v)
		}
	}
}
