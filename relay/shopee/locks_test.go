package shopee_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
)

// lockSink keeps the last lock per item/model.
type lockSink struct {
	mu    sync.Mutex
	locks map[string]int64
	n     int
}

func (s *lockSink) AcceptOrder(_ context.Context, ev relay.OrderEvent) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ev.Lock != nil {
		s.locks[ev.Lock.Item+"/"+ev.Lock.Variant] = ev.Lock.Qty
		s.n++
	}
	return nil
}

func (s *lockSink) get(k string) (int64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, ok := s.locks[k]
	return q, ok
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("never happened: %s", what)
		}
	}
}

// The watcher reads every item's reserved stock at start (models and
// items without variants), again when Shopee pushes a reserved-stock
// change, and when an update is refused for a promotion.
func TestLockWatcherFollowsPromotionStock(t *testing.T) {
	s := &lockSink{locks: map[string]int64{}}
	var h http.Handler
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	defer hook.Close()
	sim, c := newRig(t, shopeesim.Config{PushURL: hook.URL + "/push"})
	sim.AddModel(100, 1, "", 10, 2)
	sim.AddModel(100, 2, "", 10, 0)
	sim.AddModel(200, 0, "", 10, 0)
	w := c.WatchLocks(s, []string{"100", "200", "100"}, time.Hour)
	h = c.Handler(relay.OrderSink(s))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	waitFor(t, "the locks read at start", func() bool {
		a, _ := s.get("100/1")
		_, b := s.get("100/2")
		_, c := s.get("200/0")
		return a == 2 && b && c
	})
	sim.Reserve(ctx, 200, 0, 4) // a flash sale starts: push code 8
	waitFor(t, "the flash sale's lock", func() bool { q, _ := s.get("200/0"); return q == 4 })
	sim.PromotionLock(true)
	sim.AddModel(100, 2, "", 10, 6) // a promotion Shopee did not push
	if res := c.Push(ctx, []relay.Item{it("100", "2", "", 1)}); res[0].Err == nil {
		t.Fatal("update during a promotion accepted")
	}
	waitFor(t, "the lock behind the refused update", func() bool { q, _ := s.get("100/2"); return q == 6 })
	cancel()
	<-done
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.n != 5 {
		t.Errorf("%d lock events, want 5 (3 at start, then one per change)", s.n)
	}
}

func TestStockPushNamesTheItem(t *testing.T) {
	for body, want := range map[string]string{
		`{"code":8,"data":{"item_id":100,"model_id":1}}`: "100", `{"code":7,"data":{}}`: "", `{"code":9}`: "",
	} {
		if item, ok := shopee.StockPush([]byte(body)); !ok || item != want {
			t.Errorf("%s: %q %v, want %q", body, item, ok, want)
		}
	}
	for _, body := range []string{`{"code":3,"data":{"item_id":1}}`, `not json`} {
		if _, ok := shopee.StockPush([]byte(body)); ok {
			t.Errorf("%s taken for a stock push", body)
		}
	}
}

// TestLockWatcherSweepsOnlyOnTheOwner: in a fleet only the relay that
// pushes to Shopee sweeps the items, as soon as it becomes the owner; a
// notification is followed wherever it arrives.
func TestLockWatcherSweepsOnlyOnTheOwner(t *testing.T) {
	s := &lockSink{locks: map[string]int64{}}
	sim, c := newRig(t, shopeesim.Config{})
	sim.AddModel(100, 1, "", 10, 2)
	sim.AddModel(200, 0, "", 10, 3)
	w := c.WatchLocks(s, []string{"100", "200"}, 10*time.Millisecond)
	var owned atomic.Bool
	w.SweepWhile(owned.Load)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	w.Notify("200")
	waitFor(t, "the notification followed on a relay that does not own Shopee", func() bool {
		q, _ := s.get("200/0")
		return q == 3
	})
	if _, swept := s.get("100/1"); swept {
		t.Fatal("a relay that does not push to Shopee swept the items")
	}
	owned.Store(true)
	waitFor(t, "the new owner's sweep", func() bool { q, _ := s.get("100/1"); return q == 2 })
	cancel()
	<-done
}
