package shopee

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/edged/edged/relay"
)

// LockWatcher keeps the relay's view of Shopee's promotion locks. Shopee
// reserves stock for flash sales and gives it back when they end without
// any call from us, so the watcher re-reads an item's reserved stock
// when a push (codes 7, 8, 9) or a refused update says it changed, and
// every mapped item's on a period, and hands each change to the sink as
// a lock event: the other channels then hold those units back.
type LockWatcher struct {
	c      *Client
	sink   relay.OrderSink
	items  []string
	period time.Duration
	wake   chan string
	last   map[string]int64 // item/model -> last lock sent
	log    *slog.Logger
	// owned, when set, says whether this relay pushes to Shopee: only
	// then does the watcher sweep every item (at once on becoming the
	// owner, then each period), so a fleet reads them once, not once per
	// relay. Notifications are followed on any relay: the webhook that
	// brings one reaches one relay only.
	owned func() bool
}

// SweepWhile makes the periodic sweep depend on owned (the Shopee push
// lease of a relay fleet); call it before Run.
func (w *LockWatcher) SweepWhile(owned func() bool) { w.owned = owned }

// WatchLocks returns the watcher for items (item ids from the mapping)
// and lets the client's push handler and updates wake it; call Run.
func (c *Client) WatchLocks(sink relay.OrderSink, items []string, period time.Duration) *LockWatcher {
	if period <= 0 {
		period = 5 * time.Minute
	}
	w := &LockWatcher{c: c, sink: sink, items: slices.Compact(slices.Sorted(slices.Values(items))), period: period,
		wake: make(chan string, 64), last: map[string]int64{}, log: c.log}
	c.mu.Lock()
	c.locks = w
	c.mu.Unlock()
	return w
}

func (c *Client) lockWatcher() *LockWatcher {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.locks
}

// Notify asks for item's locks to be read again; "" means every item.
// It never blocks: a full queue falls back to reading everything.
func (w *LockWatcher) Notify(item string) {
	if w == nil {
		return
	}
	select {
	case w.wake <- item:
	default:
		select {
		case w.wake <- "":
		default:
		}
	}
}

// Run reads every item's locks now and on each period, and an item's
// when notified, until ctx ends.
func (w *LockWatcher) Run(ctx context.Context) error {
	t := time.NewTicker(w.period)
	defer t.Stop()
	owner := time.NewTicker(min(w.period, time.Second)) // how soon a new owner sweeps
	defer owner.Stop()
	sweeping := w.sweeping()
	if sweeping {
		w.refreshAll(ctx)
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-owner.C:
			if now := w.sweeping(); now != sweeping {
				if sweeping = now; now {
					w.refreshAll(ctx)
				}
			}
		case <-t.C:
			if sweeping {
				w.refreshAll(ctx)
			}
		case item := <-w.wake:
			w.notified(ctx, item)
		}
	}
}

func (w *LockWatcher) sweeping() bool { return w.owned == nil || w.owned() }

func (w *LockWatcher) notified(ctx context.Context, item string) {
	switch {
	case item == "":
		w.refreshAll(ctx)
	case slices.Contains(w.items, item):
		w.refresh(ctx, item)
	} // an item we do not map holds nothing of ours
}

func (w *LockWatcher) refreshAll(ctx context.Context) {
	for _, item := range w.items {
		if ctx.Err() != nil {
			return
		}
		w.refresh(ctx, item)
	}
}

// refresh reads one item and sends the locks that changed. A failure is
// logged and repaired by the next notification or period.
func (w *LockWatcher) refresh(ctx context.Context, item string) {
	reserved, err := w.c.Reserved(ctx, item)
	if err != nil {
		w.log.Warn("promotion locks not read", "item", item, "err", err)
		return
	}
	for _, model := range slices.Sorted(maps.Keys(reserved)) {
		k, q := item+"/"+model, reserved[model]
		if last, seen := w.last[k]; seen && last == q {
			continue
		}
		ev := relay.OrderEvent{Channel: relay.Shopee, EventID: fmt.Sprintf("lock/%s/%d", k, w.c.Now().UnixNano()),
			Lock: &relay.OrderLine{Item: item, Variant: model, Qty: q}}
		if err := w.sink.AcceptOrder(ctx, ev); err != nil {
			w.log.Warn("promotion lock not recorded", "item", item, "model", model, "err", err)
			continue
		}
		w.last[k] = q
	}
}

// lockRefusal reports whether Shopee refused an update because of
// reserved (promotion) stock.
func lockRefusal(why string) bool {
	return strings.Contains(why, "error_cannt_edit_stock_in_promotion") || strings.Contains(strings.ToLower(why), "reserved stock")
}
