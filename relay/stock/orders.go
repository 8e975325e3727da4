package stock

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/audit"
)

// AcceptOrder records an order notification durably; when it returns nil
// the webhook may be answered 2xx. A repeated EventID is ignored. Events
// with lines are applied at once; an open order without lines is queued for
// Run to fetch. Orders are idempotent per (channel, order id): a second
// "open" changes nothing, and a cancel that arrives before its order leaves
// a tombstone so the late order reserves nothing.
func (e *Engine) AcceptOrder(ctx context.Context, ev relay.OrderEvent) error {
	if ev.Lock != nil {
		return e.acceptLock(ctx, ev)
	}
	if !ev.Channel.Valid() || ev.EventID == "" || ev.OrderID == "" {
		return fmt.Errorf("%w: channel %q, event %q, order %q", ErrBadOrder, ev.Channel, ev.EventID, ev.OrderID)
	}
	if ev.Status == relay.OrderOpen && len(ev.Lines) == 0 && e.opt.Fetchers[ev.Channel] == nil {
		return fmt.Errorf("%w %s: order %s came without lines", ErrNoFetcher, ev.Channel, ev.OrderID)
	}
	key := joinKey(string(ev.Channel), ev.EventID)
	fetch := ev.Status == relay.OrderOpen && len(ev.Lines) == 0
	h, _ := e.opt.Out[ev.Channel].(Holder)
	if fetch && h != nil {
		h.Hold(key) // before the commit's fsync: every millisecond of the window counts
	}
	queued := false
	err := e.update(ctx, func(tx *txn) error {
		if _, dup := tx.st.seen[key]; dup {
			e.stats.DuplicateEvents.Add(1)
			relay.NoteWebhook(ctx, relay.WebhookDuplicate)
			return nil
		}
		tx.markSeen(key)
		if fetch && !e.knownOrder(tx.st, ev) {
			tx.addInbox(key, ev)
			queued = true
			return nil
		}
		e.applyOrder(tx, ev)
		return nil
	})
	if fetch && h != nil && (!queued || err != nil) {
		h.Release(key)
	}
	return err
}

func (e *Engine) knownOrder(st *state, ev relay.OrderEvent) bool {
	_, ok := st.orders[joinKey(string(ev.Channel), ev.OrderID)]
	return ok
}

// applyOrder moves an order to ev.Status; ignored statuses change nothing.
func (e *Engine) applyOrder(tx *txn, ev relay.OrderEvent) {
	key := joinKey(string(ev.Channel), ev.OrderID)
	rec, known := tx.st.orders[key]
	switch ev.Status {
	case relay.OrderOpen:
		if known {
			e.maybeEdit(tx, key, rec, ev)
			return
		}
		tx.setOrder(key, orderRecord{Status: relay.OrderOpen, Rev: ev.Revision, Lines: e.ordered(ev)})
		e.reserve(tx, ev)
	case relay.OrderCancelled:
		if known && rec.Status == relay.OrderCancelled {
			return
		}
		tx.setOrder(key, orderRecord{Status: relay.OrderCancelled})
		e.cancel(tx, ev, known)
	}
}

// cancel frees what the order still holds, with a row per reservation
// freed (one without a SKU when none was: a cancel before its order).
func (e *Engine) cancel(tx *txn, ev relay.OrderEvent, known bool) {
	rows := 0
	for _, r := range tx.st.res {
		if r.Channel == ev.Channel && r.OrderID == ev.OrderID {
			tx.audit(channelRow(audit.KindCancel, ev, r.SKU, r.Site, r.Qty))
			rows++
			r.Qty = 0
			tx.setReservation(r)
		}
	}
	if rows == 0 {
		row := channelRow(audit.KindCancel, ev, "", "", 0)
		if !known {
			row.Result = "cancelled before the order arrived: it will reserve nothing"
		}
		tx.audit(row)
	}
}

func (e *Engine) reserve(tx *txn, ev relay.OrderEvent) {
	for _, l := range ev.Lines {
		t, ok := e.opt.Mapping.Lookup(ev.Channel, l.Item, l.Variant)
		if !ok || l.Qty <= 0 {
			row := channelRow(audit.KindOrder, ev, "", "", l.Qty)
			row.Result = fmt.Sprintf("not reserved: item %s variant %s matches no mapped listing", l.Item, l.Variant)
			tx.audit(row)
			e.stats.UnknownLines.Add(1)
			e.log.Warn("order line matches no mapped listing; not reserved", "channel", ev.Channel,
				"order", ev.OrderID, "item", l.Item, "variant", l.Variant, "qty", l.Qty)
			continue
		}
		r := Reservation{Channel: ev.Channel, OrderID: ev.OrderID, SKU: t.SKU, Site: t.Site}
		r.Qty = tx.st.res[r.key()].Qty + l.Qty - e.takePicked(tx, ev.Channel, ev.OrderID, l.Qty)
		r.Seq = tx.nextSeq()
		tx.setReservation(r)
		tx.audit(channelRow(audit.KindOrder, ev, t.SKU, t.Site, l.Qty))
	}
}

// Run resolves queued status-only notifications with the channels'
// OrderFetchers until ctx ends, one worker per channel so that a slow
// channel does not delay the others. A failed fetch stays queued and is
// retried with backoff (100 ms doubling to 30 s). Run returns ctx's error
// after its workers stop.
func (e *Engine) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for ch, wake := range e.wake {
		wg.Go(func() { e.fetchLoop(ctx, ch, wake) })
	}
	wg.Wait()
	<-ctx.Done()
	return ctx.Err()
}

func (e *Engine) fetchLoop(ctx context.Context, ch relay.Channel, wake <-chan struct{}) {
	backoff := time.Duration(0)
	for {
		if backoff == 0 {
			select {
			case <-ctx.Done():
				return
			case <-wake:
			}
		} else if !sleepCtx(ctx, backoff) {
			return
		}
		if o, ok := e.opt.Out[ch].(Owner); ok && !o.Owned() {
			backoff = 0 // the channel's owner fetches; Resume wakes this one if it takes over
			continue
		}
		if e.drainInbox(ctx, ch) {
			backoff = 0
		} else {
			backoff = min(max(2*backoff, 100*time.Millisecond), 30*time.Second)
		}
	}
}
