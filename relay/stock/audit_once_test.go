package stock_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/stock"
)

func ledgerBatch(from, n int) []stock.Sequenced {
	var b []stock.Sequenced
	for i := range n {
		seq := uint64(from + i)
		b = append(b, stock.Sequenced{Seq: seq, Delta: ledgerDelta("receive", "e"+string(rune('a'+i)), 1)})
	}
	return b
}

func wantRows(t *testing.T, s stock.Store, q audit.Query, n int) {
	t.Helper()
	if rows := trail(t, s, q); len(rows) != n {
		t.Errorf("%+v: %d rows, want %d: %q", q, len(rows), n, kinds(rows))
	}
}

func TestAuditRedeliveredBatchHasOneRowPerEvent(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	ctx := context.Background()
	for range 3 {
		if _, err := r.eng.ApplyBatch(ctx, "gw1", ledgerBatch(1, 5)); err != nil {
			t.Fatal(err)
		}
	}
	wantRows(t, r.store, audit.Query{SKU: tee}, 5)
}

func TestAuditEarlyBatchGetsItsRowsWhenApplied(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	ctx := context.Background()
	receive(t, r, "gw1", 1, 1)
	if _, err := r.eng.ApplyBatch(ctx, "gw1", ledgerBatch(3, 2)); !errors.Is(err, stock.ErrSeqGap) {
		t.Fatalf("err %v, want a gap", err)
	}
	wantRows(t, r.store, audit.Query{}, 1)
	if _, err := r.eng.ApplyBatch(ctx, "gw1", ledgerBatch(2, 1)); err != nil {
		t.Fatal(err)
	}
	rows := trail(t, r.store, audit.Query{})
	if len(rows) != 4 || rows[0].Seq != 4 || rows[1].Seq != 3 || rows[2].Seq != 2 {
		t.Errorf("rows %q, want seqs 4 3 2 1 once each", kinds(rows))
	}
}

func TestAuditOrderDeliveredTwiceHasOneSetOfRows(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	receive(t, r, "gw1", 1, 10)
	ev := order(relay.Shopify, "w1", "o1", relay.OrderOpen, "2001", 3)
	ev.Lines = append(ev.Lines, relay.OrderLine{Variant: "2002", Qty: 1})
	accept(t, r, ev)
	accept(t, r, ev)                                                           // the same delivery again
	accept(t, r, order(relay.Shopify, "w2", "o1", relay.OrderOpen, "2001", 3)) // orders/paid: nothing new
	wantRows(t, r.store, audit.Query{Order: "o1"}, 2)
}

func TestAuditTwoRelaysOnOneStoreWriteEachRowOnce(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	b, _ := second(t, r)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 10 {
		ev := order(relay.Shopify, "w"+string(rune('a'+i)), "o"+string(rune('a'+i)), relay.OrderOpen, "2001", 1)
		for _, e := range []*stock.Engine{r.eng, b} {
			wg.Go(func() { errs <- e.AcceptOrder(ctx, ev) })
			wg.Go(func() {
				_, err := e.ApplyBatch(ctx, "gw1", ledgerBatch(1, 10))
				errs <- err
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	wantRows(t, r.store, audit.Query{Channel: "shopify"}, 10)
	rows := trail(t, r.store, audit.Query{SKU: tee})
	seqs := map[uint64]int{}
	for _, row := range rows {
		if row.Source == audit.FromGateway {
			seqs[row.Seq]++
		}
	}
	if len(seqs) != 10 {
		t.Errorf("gateway rows by seq %v, want 10 seqs", seqs)
	}
	for seq, n := range seqs {
		if n != 1 {
			t.Errorf("seq %d has %d rows", seq, n)
		}
	}
}

func TestAuditRowsOfAnAcknowledgedDeltaSurviveARestart(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	if _, err := r.eng.ApplyBatch(context.Background(), "gw1", ledgerBatch(1, 3)); err != nil {
		t.Fatal(err)
	}
	r.store.Close() // no flush, no shutdown: what ApplyBatch returned for is on disk
	r.open(t, stock.Config{}, nil)
	wantRows(t, r.store, audit.Query{SKU: tee}, 3)
}
