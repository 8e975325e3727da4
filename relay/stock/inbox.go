package stock

import (
	"context"
	"time"

	"github.com/edged/edged/relay"
)

// drainInbox fetches and applies every queued event; it reports whether all
// succeeded.
func (e *Engine) drainInbox(ctx context.Context, ch relay.Channel) bool {
	ok := true
	for key, ev := range e.inboxSnapshot(ch) {
		if err := e.resolve(ctx, key, ev); err != nil {
			e.stats.FetchFailures.Add(1)
			e.log.Warn("order fetch failed; will retry", "channel", ev.Channel, "order", ev.OrderID, "err", err)
			ok = false
		}
	}
	return ok
}

func (e *Engine) inboxSnapshot(ch relay.Channel) map[string]relay.OrderEvent {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := map[string]relay.OrderEvent{}
	for k, v := range e.st.inbox {
		if v.Channel == ch {
			out[k] = v
		}
	}
	return out
}

func (e *Engine) resolve(ctx context.Context, key string, ev relay.OrderEvent) error {
	f := e.opt.Fetchers[ev.Channel]
	if f == nil {
		return ErrNoFetcher
	}
	got, err := f.FetchOrder(ctx, ev.OrderID)
	if err != nil {
		return err
	}
	got.Channel, got.OrderID, got.EventID = ev.Channel, ev.OrderID, ev.EventID
	return e.update(ctx, func(tx *txn) error {
		if _, still := tx.st.inbox[key]; !still {
			return nil
		}
		tx.dropInbox(key)
		e.applyOrder(tx, got)
		return nil
	})
}

// Pending returns how many notifications wait for an order fetch.
func (e *Engine) Pending() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.st.inbox)
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
