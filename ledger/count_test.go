package ledger_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
)

// clock is a settable clock for the ledger.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

func TestBlockCountRejectsMovementsAndPostsVariance(t *testing.T) {
	ctx := context.Background()
	l := ledgertest.Open(t, nil)
	mustAppend(t, l, receive("r1", "SKU-1", "A", 10, 100))
	if _, err := l.StartCount(ctx, ledger.CountSession{ID: "c1", Locations: []string{"A"}, User: "sup"}); err != nil {
		t.Fatal(err)
	}
	_, err := l.Append(ctx, ev("s1", ledger.Sale, "SKU-1", "A", 1))
	if !errors.Is(err, ledger.ErrLocationFrozen) {
		t.Fatalf("sale during a block count: %v, want ErrLocationFrozen", err)
	}
	line, err := l.RecordCount(ctx, "c1", "SKU-1", "A", 8, "bob")
	if err != nil || line.Book != 10 || line.Seq != 1 {
		t.Fatalf("record: %+v %v", line, err)
	}
	res, err := l.FinishCount(ctx, "c1")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Posted) != 1 || res.Posted[0].Qty != -2 || res.Posted[0].User != "bob" || res.Posted[0].COGS != 200 {
		t.Fatalf("posted %+v, want one adjust of -2 by bob with shrink 2.00", res.Posted)
	}
	if got := onHand(t, l, "SKU-1", "A"); got != 8 {
		t.Fatalf("on hand %d after count, want 8", got)
	}
	mustAppend(t, l, ev("s2", ledger.Sale, "SKU-1", "A", 1)) // unfrozen again
}

func TestLiveCountUsesBookAtLineAndFlagsBackdatedMoves(t *testing.T) {
	ctx := context.Background()
	c := &clock{now: t0}
	l := ledgertest.Open(t, &ledger.Options{Now: c.Now})
	mustAppend(t, l, receive("r1", "SKU-1", "A", 10, 100))
	if _, err := l.StartCount(ctx, ledger.CountSession{ID: "c1", Mode: ledger.CountLive, Locations: []string{"A"}}); err != nil {
		t.Fatal(err)
	}
	c.now = t0.Add(time.Hour)
	if _, err := l.RecordCount(ctx, "c1", "SKU-1", "A", 9, "bob"); err != nil {
		t.Fatal(err)
	}
	// a sale after the count: valid, the frozen book absorbs it
	late := ev("s1", ledger.Sale, "SKU-1", "A", 2)
	late.Time = t0.Add(2 * time.Hour)
	mustAppend(t, l, late)
	res, err := l.FinishCount(ctx, "c1")
	if err != nil {
		t.Fatal(err)
	}
	if got := onHand(t, l, "SKU-1", "A"); got != 7 || res.Posted[0].Qty != -1 {
		t.Fatalf("on hand %d (posted %+v), want 9 counted - 2 sold = 7", got, res.Posted)
	}

	// a sale recorded after the count but dated before it makes the line outdated
	if _, err := l.StartCount(ctx, ledger.CountSession{ID: "c2", Mode: ledger.CountLive, Locations: []string{"A"}}); err != nil {
		t.Fatal(err)
	}
	c.now = t0.Add(3 * time.Hour)
	if _, err := l.RecordCount(ctx, "c2", "SKU-1", "A", 6, "bob"); err != nil {
		t.Fatal(err)
	}
	backdated := ev("s2", ledger.Sale, "SKU-1", "A", 1)
	backdated.Time = t0.Add(150 * time.Minute)
	mustAppend(t, l, backdated)
	if _, err := l.FinishCount(ctx, "c2"); !errors.Is(err, ledger.ErrCount) {
		t.Fatalf("finish with an outdated line: %v, want ErrCount", err)
	}
	c.now = t0.Add(4 * time.Hour)
	if _, err := l.RecordCount(ctx, "c2", "SKU-1", "A", 6, "eve"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.FinishCount(ctx, "c2"); err != nil {
		t.Fatalf("finish after recount: %v", err)
	}
	if got := onHand(t, l, "SKU-1", "A"); got != 6 {
		t.Fatalf("on hand %d, want 6", got)
	}
}

func TestCountSessionErrors(t *testing.T) {
	ctx := context.Background()
	l := ledgertest.Open(t, nil)
	if _, err := l.StartCount(ctx, ledger.CountSession{ID: "c1", Locations: []string{"A", "B"}}); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"refreeze":     second(l.StartCount(ctx, ledger.CountSession{ID: "c2", Locations: []string{"B"}})),
		"outside":      second(l.RecordCount(ctx, "c1", "SKU-1", "Z", 1, "bob")),
		"unknown":      second(l.RecordCount(ctx, "nope", "SKU-1", "A", 1, "bob")),
		"bad mode":     second(l.StartCount(ctx, ledger.CountSession{ID: "c3", Mode: "x", Locations: []string{"C"}})),
		"no locations": second(l.StartCount(ctx, ledger.CountSession{ID: "c4"})),
	} {
		if !errors.Is(err, ledger.ErrCount) {
			t.Errorf("%s: %v, want ErrCount", name, err)
		}
	}
	if err := l.CancelCount(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.FinishCount(ctx, "c1"); !errors.Is(err, ledger.ErrCount) {
		t.Fatalf("finish a cancelled count: %v", err)
	}
}

func second[T any](_ T, err error) error { return err }
