package stock_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

// flakyFetcher fails the first fails calls, then returns the order.
type flakyFetcher struct {
	mu    sync.Mutex
	fails int
	calls int
	ev    relay.OrderEvent
}

func (f *flakyFetcher) FetchOrder(ctx context.Context, id string) (relay.OrderEvent, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.calls <= f.fails {
		return relay.OrderEvent{}, errors.New("503 from channel")
	}
	return f.ev, nil
}

func TestStatusOnlyNotificationIsFetchedWithRetry(t *testing.T) {
	f := &flakyFetcher{fails: 2, ev: relay.OrderEvent{Status: relay.OrderOpen, Lines: []relay.OrderLine{{Variant: "6001", Qty: 3}}}}
	synctest.Test(t, func(t *testing.T) {
		r := newRig(t, stock.Config{}, map[relay.Channel]stock.OrderFetcher{relay.Shopee: f})
		receive(t, r, "gw1", 1, 10)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { done <- r.eng.Run(ctx) }()
		accept(t, r, relay.OrderEvent{Channel: relay.Shopee, EventID: "p1", OrderID: "SN1", Status: relay.OrderOpen})
		synctest.Wait()
		if r.eng.Pending() != 1 {
			t.Fatalf("pending %d after a failed fetch, want 1", r.eng.Pending())
		}
		for r.eng.Pending() > 0 {
			time.Sleep(100 * time.Millisecond)
			synctest.Wait()
		}
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v", err)
		}
		wantAll(t, r, 7)
		if c := r.eng.Counters(); c.FetchFailures != 2 {
			t.Errorf("fetch failures %d, want 2", c.FetchFailures)
		}
	})
}

func TestQueuedFetchSurvivesRestart(t *testing.T) {
	f := &flakyFetcher{fails: 1 << 30}
	good := &flakyFetcher{ev: relay.OrderEvent{Status: relay.OrderOpen, Lines: []relay.OrderLine{{Variant: "8001", Qty: 1}}}}
	synctest.Test(t, func(t *testing.T) {
		r := newRig(t, stock.Config{}, map[relay.Channel]stock.OrderFetcher{relay.TikTok: f})
		receive(t, r, "gw1", 1, 10)
		accept(t, r, relay.OrderEvent{Channel: relay.TikTok, EventID: "n1", OrderID: "T1", Status: relay.OrderOpen})
		r.store.Close()
		r.open(t, stock.Config{}, map[relay.Channel]stock.OrderFetcher{relay.TikTok: good})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { done <- r.eng.Run(ctx) }()
		synctest.Wait()
		cancel()
		<-done
		if l := r.eng.Level(tee, "wh1"); l.Reserved != 1 {
			t.Errorf("queued order not resolved after restart: %+v", l)
		}
	})
}
