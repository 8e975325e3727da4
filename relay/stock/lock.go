package stock

import (
	"context"
	"fmt"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/audit"
)

// acceptLock records a campaign lock a channel reported (TikTok
// INVENTORY_STATUS_CHANGE, ...), deduplicated by event id like orders.
func (e *Engine) acceptLock(ctx context.Context, ev relay.OrderEvent) error {
	if !ev.Channel.Valid() || ev.EventID == "" || ev.Lock.Qty < 0 {
		return fmt.Errorf("%w: lock from channel %q, event %q, qty %d", ErrBadOrder, ev.Channel, ev.EventID, ev.Lock.Qty)
	}
	t, ok := e.opt.Mapping.Lookup(ev.Channel, ev.Lock.Item, ev.Lock.Variant)
	if !ok {
		e.stats.UnknownLines.Add(1)
		e.log.Warn("campaign lock for an unmapped listing ignored", "channel", ev.Channel, "item", ev.Lock.Item, "variant", ev.Lock.Variant)
		return nil
	}
	key := joinKey(string(ev.Channel), ev.EventID)
	return e.update(ctx, func(tx *txn) error {
		if _, dup := tx.st.seen[key]; dup {
			e.stats.DuplicateEvents.Add(1)
			relay.NoteWebhook(ctx, relay.WebhookDuplicate)
			return nil
		}
		tx.markSeen(key)
		tx.setLock(ev.Channel, t.SKU, ev.Lock.Qty)
		tx.audit(channelRow(audit.KindLock, ev, t.SKU, t.Site, ev.Lock.Qty))
		return nil
	})
}
