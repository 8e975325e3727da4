package ledger_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
)

func TestPendingAndCumulativeAck(t *testing.T) {
	ctx := context.Background()
	l := ledgertest.Open(t, nil)
	for i := range 5 {
		mustAppend(t, l, receive(fmt.Sprint("r", i), "SKU-1", "A", 1, 100))
	}
	p, err := l.Pending(0, 3)
	if err != nil || len(p) != 3 || p[0].Seq != 1 || p[2].Seq != 3 {
		t.Fatalf("pending: %v %+v", err, p)
	}
	if p, _ = l.Pending(3, 10); len(p) != 2 || p[0].Seq != 4 {
		t.Fatalf("pending after the send window: %+v", p)
	}
	if err := l.Ack(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if err := l.Ack(ctx, 1); err != nil { // older ack: ignored
		t.Fatal(err)
	}
	st, _ := l.Status()
	if st.Acked != 2 || st.Pending != 3 || st.Head != 5 || st.Oldest != t0 {
		t.Fatalf("status %+v", st)
	}
	if p, _ = l.Pending(0, 10); len(p) != 3 || p[0].Seq != 3 {
		t.Fatalf("pending after ack: %+v", p)
	}
	if err := l.Ack(ctx, 9); !errors.Is(err, ledger.ErrBadAck) {
		t.Fatalf("ack beyond head: %v", err)
	}
}

func TestPruneKeepsBalancesAndChainVerifiable(t *testing.T) {
	ctx := context.Background()
	c := &clock{now: t0.AddDate(0, 0, 100)}
	path := filepath.Join(t.TempDir(), "l.db")
	l := ledgertest.OpenPath(t, path, &ledger.Options{Now: c.Now})
	for i := range 6 {
		e := receive(fmt.Sprint("r", i), "SKU-1", "A", 2, 100)
		e.Time = t0.AddDate(0, 0, i*5) // days 0..25
		mustAppend(t, l, e)
	}
	sale := ev("s1", ledger.Sale, "SKU-1", "A", 3)
	sale.Time = t0.AddDate(0, 0, 99)
	mustAppend(t, l, sale)
	if err := l.Ack(ctx, 5); err != nil {
		t.Fatal(err)
	}
	// retention 90 days at day 100: days 0..5 may go (< day 10), and only acked ones
	n, err := l.Prune(ctx)
	if err != nil || n != 2 {
		t.Fatalf("pruned %d (%v), want 2", n, err)
	}
	r := ledgertest.MustVerify(t, l)
	if r.Archived != 2 || r.Events != 5 {
		t.Fatalf("verify after prune: %+v", r)
	}
	if got := onHand(t, l, "SKU-1", "A"); got != 9 {
		t.Fatalf("on hand %d, want 9", got)
	}
	if _, found, _ := l.Event(1); found {
		t.Fatal("pruned event still in the log")
	}
}

func TestCompactShrinksAndReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "l.db")
	c := &clock{now: t0.AddDate(1, 0, 0)}
	l, err := ledger.Open(path, &ledger.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3000 {
		mustAppend(t, l, receive(fmt.Sprint("r", i), fmt.Sprint("SKU-", i%50), "A", 1, 100))
	}
	if err := l.Ack(ctx, 3000); err != nil {
		t.Fatal(err)
	}
	l.Close()
	res, err := ledger.Compact(ctx, path, &ledger.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pruned != 3000 || res.After >= res.Before {
		t.Fatalf("compact %+v: want all pruned and a smaller file", res)
	}
	l2 := ledgertest.OpenPath(t, path, nil)
	if got := onHand(t, l2, "SKU-7", "A"); got != 60 {
		t.Fatalf("on hand after compaction %d, want 60", got)
	}
	if r := mustAppend(t, l2, receive("r-new", "SKU-7", "A", 1, 100)); r.Seq != 3001 {
		t.Fatalf("seq after compaction %d, want 3001", r.Seq)
	}
}

func TestLedgerFullIsReported(t *testing.T) {
	l := ledgertest.Open(t, &ledger.Options{MaxSize: 256 << 10})
	var err error
	for i := 0; err == nil && i < 100_000; i++ {
		_, err = l.Append(context.Background(), receive(fmt.Sprint("r", i), fmt.Sprint("SKU-", i), "A", 1, 100))
	}
	if !errors.Is(err, ledger.ErrLedgerFull) {
		t.Fatalf("filling a 256 KiB ledger: %v, want ErrLedgerFull", err)
	}
}

func TestAppendAfterCloseFails(t *testing.T) {
	l, err := ledger.Open(filepath.Join(t.TempDir(), "l.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := l.Append(ctx, receive("r", "S", "A", 1, 1)); !errors.Is(err, ledger.ErrClosed) {
		t.Fatalf("append after close: %v", err)
	}
}
