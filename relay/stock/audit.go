package stock

import (
	"context"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/audit"
)

// The audit trail's rows are mutations of the commit that makes the
// change they describe: a delta's row commits with its gateway's guarded
// seq, an order's with its guarded delivery id. A redelivered message
// that changes nothing writes no row, and a commit that fails or loses
// the race to another relay writes none, so every fact is there once.

// audit appends r to the transaction's rows.
func (tx *txn) audit(r audit.Row) {
	tx.muts = append(tx.muts, Mutation{Table: TableAudit, Value: encode(r)})
}

// deltaRow is the trail's row of a gateway's delta; qty is the change of
// on hand it made, onHand what is left (nil for a rejected delta).
func deltaRow(gateway string, s Sequenced, qty int64, onHand *int64) audit.Row {
	d := s.Delta
	r := audit.Row{Source: audit.FromGateway, Kind: string(d.Kind), SKU: d.SKU, Site: d.Site, Qty: qty,
		Gateway: gateway, Seq: s.Seq, Order: d.OrderRef, OnHand: onHand}
	if ev := d.Event; ev != nil {
		r.Kind, r.EventID, r.Location, r.ToLocation = ev.Type, ev.ID, ev.Location, ev.ToLocation
		r.Worker, r.Device, r.Happened, r.ClockSynced = ev.Worker, ev.Device, ev.Happened, ev.ClockSynced
		if ev.Order != "" {
			r.Order = ev.Order
		}
	}
	return r
}

// channelRow is a row of a channel's order or lock notification.
func channelRow(kind string, ev relay.OrderEvent, sku, site string, qty int64) audit.Row {
	return audit.Row{Source: audit.FromChannel, Kind: kind, SKU: sku, Site: site, Qty: qty,
		Channel: string(ev.Channel), Order: ev.OrderID, EventID: ev.EventID}
}

// pushAuditRow is the row of one push of it and its result.
func pushAuditRow(it relay.Item, result string) audit.Row {
	return audit.Row{Source: audit.FromRelay, Kind: audit.KindPush, SKU: it.Target.SKU, Site: it.Target.Site,
		Qty: it.Qty, Channel: string(it.Target.Channel), Result: result}
}

// PushFailed records failed pushes on ch in the audit trail, one row per
// item with its (already redacted) error: relay.Dispatcher calls it
// after each failed attempt. It changes no stock.
func (e *Engine) PushFailed(ctx context.Context, ch relay.Channel, failed []relay.PushFailure) error {
	if len(failed) == 0 {
		return nil
	}
	return e.update(ctx, func(tx *txn) error {
		for _, f := range failed {
			tx.audit(pushAuditRow(f.Item, f.Error))
		}
		return nil
	})
}

// ptr is a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }
