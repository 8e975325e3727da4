package server

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/console"
	"github.com/edged/edged/relay/stock"
)

func onHandOf(skus []console.SKU, sku string) int64 {
	for _, s := range skus {
		if s.SKU == sku && len(s.Sites) > 0 {
			return s.Sites[0].OnHand
		}
	}
	return -1
}

// TestConsoleServesAFreshViewWhileANewerOneIsBuilt: right after a commit
// the stock page is answered from a view under 250 ms old while a newer
// one is built in the background; Version says which view Stock returns,
// so the live stream sends the change once it is built; an older view is
// rebuilt on the request.
func TestConsoleServesAFreshViewWhileANewerOneIsBuilt(t *testing.T) {
	ctx := context.Background()
	b, err := stock.OpenBolt(filepath.Join(t.TempDir(), "relay.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	m, _ := stock.ParseMapping(strings.NewReader("channel,sku,site,item,variant,location,seller_sku\nlazada,TEE,wh1,1,2,,\n"), "m.csv")
	eng, err := stock.New(ctx, stock.Options{Store: b, Mapping: m, Out: map[relay.Channel]stock.Enqueuer{}})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	now := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	c := &consoleSource{s: &Server{engine: eng}, now: func() time.Time { mu.Lock(); defer mu.Unlock(); return now }}
	receive := func(seq uint64, qty int64) {
		if err := eng.ApplyDelta(ctx, "gw", seq, stock.Delta{SKU: "TEE", Site: "wh1", Kind: stock.Receive, Qty: qty}); err != nil {
			t.Fatal(err)
		}
	}
	receive(1, 5)
	if got := onHandOf(c.Stock(), "TEE"); got != 5 {
		t.Fatalf("first view: %d on hand, want 5", got)
	}
	before := c.Version()
	receive(2, 3)
	if got := onHandOf(c.Stock(), "TEE"); got != 5 {
		t.Fatalf("a view taken just now must be served while the next is built: %d", got)
	}
	for deadline := time.Now().Add(10 * time.Second); c.Version() == before; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the newer view was never built")
		}
	}
	if got := onHandOf(c.Stock(), "TEE"); got != 8 {
		t.Fatalf("after the background build: %d on hand, want 8", got)
	}
	c.wait()
	mu.Lock()
	now = now.Add(time.Second) // the view is now older than consoleStale
	mu.Unlock()
	receive(3, 1)
	if got := onHandOf(c.Stock(), "TEE"); got != 9 {
		t.Fatalf("an old view must be rebuilt on the request: %d on hand, want 9", got)
	}
	c.wait()
}
