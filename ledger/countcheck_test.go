package ledger_test

import (
	"context"
	"errors"
	"testing"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
)

// toleranceCount opens count c1 at A over SKU-1 (100 on hand) with
// class A ±1 % (100 basis points); SKU-2 (50 on hand) has no tolerance.
func toleranceCount(t *testing.T) *ledger.Ledger {
	l := ledgertest.Open(t, nil)
	mustAppend(t, l, receive("r1", "SKU-1", "A", 100, 100))
	mustAppend(t, l, receive("r2", "SKU-2", "A", 50, 100))
	s := ledger.CountSession{ID: "c1", Locations: []string{"A"},
		Tolerances: map[string]ledger.Tolerance{"SKU-1": {Class: "A", BP: 100}}}
	if _, err := l.StartCount(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return l
}

func record(t *testing.T, l *ledger.Ledger, sku string, n int64, user string) ledger.CountLine {
	t.Helper()
	line, err := l.RecordCount(context.Background(), "c1", sku, "A", n, user)
	if err != nil {
		t.Fatal(err)
	}
	return line
}

func TestVarianceBeyondToleranceNeedsAnotherCounter(t *testing.T) {
	ctx := context.Background()
	l := toleranceCount(t)
	record(t, l, "SKU-2", 40, "bob") // no tolerance: posts as before
	// 97 of 100: |−3| × 10000 = 30000 > 100 × 100 = 10000: beyond ±1 %
	if line := record(t, l, "SKU-1", 97, "bob"); line.Accepted || line.Tolerance == nil {
		t.Fatalf("line %+v accepted", line)
	}
	_, err := l.FinishCount(ctx, "c1")
	if !errors.Is(err, ledger.ErrCountNeedsReview) || !errors.Is(err, ledger.ErrCount) {
		t.Fatalf("finish: %v, want ErrCountNeedsReview", err)
	}
	if line := record(t, l, "SKU-1", 97, "bob"); line.Accepted {
		t.Fatal("the same counter confirming himself is not a second source")
	}
	if line := record(t, l, "SKU-1", 98, "alice"); line.Accepted {
		t.Fatal("alice found −2, bob −3: they do not agree")
	}
	line := record(t, l, "SKU-1", 98, "carol")
	if !line.Accepted || line.PrevUser != "alice" || line.PrevVariance != -2 {
		t.Fatalf("carol agrees with alice: %+v", line)
	}
	res, err := l.FinishCount(ctx, "c1")
	if err != nil || len(res.Posted) != 2 {
		t.Fatalf("finish: %+v %v", res.Posted, err)
	}
	if onHand(t, l, "SKU-1", "A") != 98 || onHand(t, l, "SKU-2", "A") != 40 {
		t.Error("variances not posted")
	}
}

func TestSupervisorApprovesAVariance(t *testing.T) {
	ctx := context.Background()
	l := toleranceCount(t)
	record(t, l, "SKU-1", 90, "bob")
	if _, err := l.ApproveCount(ctx, "c1", "SKU-1", "A", "bob"); !errors.Is(err, ledger.ErrCount) {
		t.Fatalf("the counter approving himself: %v", err)
	}
	if _, err := l.ApproveCount(ctx, "c1", "SKU-1", "A", "sup"); err != nil {
		t.Fatal(err)
	}
	if line := record(t, l, "SKU-1", 91, "bob"); line.ApprovedBy != "" {
		t.Fatal("a recount keeps an approval of other figures")
	}
	if _, err := l.ApproveCount(ctx, "c1", "SKU-1", "A", "sup"); err != nil {
		t.Fatal(err)
	}
	res, err := l.FinishCount(ctx, "c1")
	if err != nil || len(res.Posted) != 1 || res.Posted[0].Qty != -9 || res.Lines[0].ApprovedBy != "sup" {
		t.Fatalf("finish: %+v %v", res, err)
	}
}

func TestWithinToleranceAndBadTolerance(t *testing.T) {
	l := toleranceCount(t)
	// 99 of 100: 1 × 10000 ≤ 100 × 100: within ±1 %
	if line := record(t, l, "SKU-1", 99, "bob"); !line.Accepted {
		t.Fatalf("line %+v not accepted", line)
	}
	if _, err := l.FinishCount(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	_, err := l.StartCount(context.Background(), ledger.CountSession{ID: "c2", Locations: []string{"B"},
		Tolerances: map[string]ledger.Tolerance{"X": {BP: -1}}})
	if !errors.Is(err, ledger.ErrCount) {
		t.Fatalf("negative tolerance: %v", err)
	}
	if (ledger.Tolerance{}).Within(1, 1000) || !(ledger.Tolerance{}).Within(0, 5) {
		t.Error("a zero tolerance is exact")
	}
}
