package stock_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

// second opens another relay's engine on r's store, as a second instance
// of a fleet would.
func second(t *testing.T, r *rig) (*stock.Engine, map[relay.Channel]*sink) {
	t.Helper()
	if storeKind != "postgres" {
		t.Skip("bbolt is one relay's store; fleets share PostgreSQL")
	}
	s := openStore(t, r.path)
	t.Cleanup(func() { s.Close() })
	sinks := map[relay.Channel]*sink{}
	out := map[relay.Channel]stock.Enqueuer{}
	for _, ch := range relay.Channels() {
		sinks[ch] = &sink{}
		out[ch] = sinks[ch]
	}
	e, err := stock.New(context.Background(), stock.Options{Store: s, Mapping: r.m, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	return e, sinks
}

func TestTwoRelaysApplyEachDeliveryOnce(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	b, _ := second(t, r)
	ctx := context.Background()
	receive(t, r, "gw1", 1, 100)
	var wg sync.WaitGroup
	errs := make(chan error, 80)
	for i := range 20 {
		ev := order(relay.Shopify, fmt.Sprint("w", i), fmt.Sprint("o", i), relay.OrderOpen, "2001", 1)
		batch := []stock.Sequenced{{Seq: uint64(i + 2), Delta: stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Receive, Qty: 10}}}
		for _, e := range []*stock.Engine{r.eng, b} {
			wg.Go(func() { errs <- e.AcceptOrder(ctx, ev) })
			wg.Go(func() {
				_, err := e.ApplyBatch(ctx, "gw1", batch)
				if errors.Is(err, stock.ErrSeqGap) {
					err = nil // arrived before its predecessor: staged, applied by the other's commit
				}
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
	for _, e := range []*stock.Engine{r.eng, b} {
		if err := e.Follow(ctx); err != nil {
			t.Fatal(err)
		}
		if l := e.Level(tee, "wh1"); l.OnHand != 300 || l.Reserved != 20 {
			t.Errorf("level %+v, want on hand 300 (100 + 20×10, each once) and 20 reserved", l)
		}
	}
}

func TestEarlyBatchIsAppliedByItsPredecessorsCommit(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	b, _ := second(t, r)
	ctx := context.Background()
	receive(t, r, "gw1", 1, 1)
	seqs := func(from, to uint64) []stock.Sequenced {
		var out []stock.Sequenced
		for s := from; s <= to; s++ {
			out = append(out, stock.Sequenced{Seq: s, Delta: stock.Delta{SKU: tee, Site: "wh1", Kind: stock.Receive, Qty: 1}})
		}
		return out
	}
	last, err := b.ApplyBatch(ctx, "gw1", seqs(4, 6))
	if !errors.Is(err, stock.ErrSeqGap) || last != 1 {
		t.Fatalf("early batch: last %d err %v, want a gap after 1", last, err)
	}
	last, err = r.eng.ApplyBatch(ctx, "gw1", seqs(2, 3))
	if err != nil || last != 6 {
		t.Fatalf("predecessor: last %d err %v, want 6 (the staged batch applied with it)", last, err)
	}
	if l := r.eng.Level(tee, "wh1"); l.OnHand != 6 {
		t.Errorf("on hand %d, want 6", l.OnHand)
	}
	if last, err := b.ApplyBatch(ctx, "gw1", seqs(4, 6)); err != nil || last != 6 {
		t.Errorf("redelivered early batch: last %d err %v, want 6 and no change", last, err)
	}
}

func TestFollowerPushesWhatAnotherRelayCommitted(t *testing.T) {
	r := newRig(t, stock.Config{SafetyBuffer: 1}, nil)
	b, sinks := second(t, r)
	receive(t, r, "gw1", 1, 10)
	if err := b.Follow(context.Background()); err != nil {
		t.Fatal(err)
	}
	if l := b.Level(tee, "wh1"); l.OnHand != 10 {
		t.Errorf("follower sees %+v", l)
	}
	for _, ch := range relay.Channels() {
		if got := sinks[ch].qty(r.target(t, ch, tee)); got != 9 {
			t.Errorf("follower enqueued %d for %s, want 9", got, ch)
		}
	}
}

func TestGuardedWritesRefuseAWrongCopy(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	second(t, r) // postgres only
	receive(t, r, "gw1", 1, 10)
	conn, err := pgx.Connect(context.Background(), r.path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	// Another writer that bypassed the change log: the engine's copy
	// cannot know this delivery, only the store's unique key does.
	_, err = conn.Exec(context.Background(), `INSERT INTO relay_records (tbl, key, value, ver) VALUES ('events', $1, '1', 0)`,
		string(relay.Shopify)+"\x1f"+"w1")
	if err != nil {
		t.Fatal(err)
	}
	accept(t, r, order(relay.Shopify, "w1", "o1", relay.OrderOpen, "2001", 3))
	if l := r.eng.Level(tee, "wh1"); l.Reserved != 0 {
		t.Errorf("a delivery the store already had was applied: %+v", l)
	}
	if c := r.eng.Counters(); c.DuplicateEvents != 1 {
		t.Errorf("counters %+v, want the delivery counted as a duplicate after the reload", c)
	}
}

func TestFollowReloadsWhenItsChangesWerePruned(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	b, _ := second(t, r)
	receive(t, r, "gw1", 1, 10)
	receive(t, r, "gw1", 2, 5)
	conn, err := pgx.Connect(context.Background(), r.path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), "DELETE FROM relay_changes WHERE ver < (SELECT ver FROM relay_meta)"); err != nil {
		t.Fatal(err)
	}
	if err := b.Follow(context.Background()); err != nil {
		t.Fatal(err)
	}
	if l := b.Level(tee, "wh1"); l.OnHand != 15 {
		t.Errorf("after pruned changes the follower sees %+v, want on hand 15", l)
	}
}
