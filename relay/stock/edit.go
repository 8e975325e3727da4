package stock

import (
	"cmp"
	"maps"
	"slices"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/audit"
)

// An order edit (Shopify's order editing: a line added, a quantity raised
// or lowered, an item removed) arrives as the order's whole current
// content at a newer revision. Its reservations move by the difference
// from what the order held before, so a raised quantity is held back from
// the other channels at once and a lowered one is released. Units the
// warehouse has already picked stay picked: a reservation never goes
// below zero.

// ordered sums an order's mapped lines per stock, in a stable order;
// only orders with a revision keep them, since only they can be edited.
func (e *Engine) ordered(ev relay.OrderEvent) []orderedLine {
	if ev.Revision == 0 {
		return nil
	}
	sum := map[siteSKU]int64{}
	for _, l := range ev.Lines {
		if t, ok := e.opt.Mapping.Lookup(ev.Channel, l.Item, l.Variant); ok && l.Qty > 0 {
			sum[siteSKU{t.SKU, t.Site}] += l.Qty
		}
	}
	lines := make([]orderedLine, 0, len(sum))
	for _, k := range slices.SortedFunc(maps.Keys(sum), func(a, b siteSKU) int { return cmp.Compare(a.key(), b.key()) }) {
		lines = append(lines, orderedLine{SKU: k.SKU, Site: k.Site, Qty: sum[k]})
	}
	return lines
}

// maybeEdit applies ev to a known order when it is a revision, not
// older than the last, of an open order recorded with one.
func (e *Engine) maybeEdit(tx *txn, key string, rec orderRecord, ev relay.OrderEvent) {
	if rec.Status != relay.OrderOpen || rec.Rev == 0 || ev.Revision < rec.Rev || len(ev.Lines) == 0 {
		return
	}
	now := e.ordered(ev)
	diff := lineDiff(rec.Lines, now)
	for k, d := range diff {
		e.moveReservation(tx, ev, k, d)
		tx.audit(channelRow(audit.KindEdit, ev, k.SKU, k.Site, d))
	}
	rec.Rev, rec.Lines = ev.Revision, now
	tx.setOrder(key, rec)
	if len(diff) > 0 {
		e.stats.OrderEdits.Add(1)
		e.log.Info("order edited; reservations moved", "channel", ev.Channel, "order", ev.OrderID, "revision", ev.Revision)
	}
}

// lineDiff is now minus before, per stock, without zeros.
func lineDiff(before, now []orderedLine) map[siteSKU]int64 {
	d := map[siteSKU]int64{}
	for _, l := range now {
		d[siteSKU{l.SKU, l.Site}] += l.Qty
	}
	for _, l := range before {
		d[siteSKU{l.SKU, l.Site}] -= l.Qty
	}
	maps.DeleteFunc(d, func(_ siteSKU, v int64) bool { return v == 0 })
	return d
}

// moveReservation changes an order's reservation of k by d units.
func (e *Engine) moveReservation(tx *txn, ev relay.OrderEvent, k siteSKU, d int64) {
	r := Reservation{Channel: ev.Channel, OrderID: ev.OrderID, SKU: k.SKU, Site: k.Site}
	if old, ok := tx.st.res[r.key()]; ok {
		r = old
	} else {
		r.Seq = tx.nextSeq()
	}
	if d > 0 {
		r.Qty += d - e.takePicked(tx, ev.Channel, ev.OrderID, d)
	} else {
		r.Qty = max(0, r.Qty+d)
	}
	tx.setReservation(r)
}
