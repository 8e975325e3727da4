package intake

import (
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/uplink/wire"
)

// toDelta turns a ledger event into the change of sellable stock at the
// site, from its postings (the ledger's own account of what changed).
func toDelta(site string, e *wire.Event) stock.Delta {
	var net int64
	for _, p := range e.Postings {
		if p.State == "on_hand" {
			net += p.Delta
		}
	}
	d := stock.Delta{SKU: e.SKU, Site: site, Qty: net, Kind: stock.Adjust, Event: eventInfo(e)}
	switch e.Type {
	case "receive", "baseline":
		d.Kind = stock.Receive
	case "sale":
		d.Kind, d.OrderRef = stock.Pick, e.Order
	case "return":
		d.Kind = stock.Return
	}
	if d.Kind == stock.Receive && net < 0 { // a baseline that lowered the book
		d.Kind = stock.Adjust
	}
	return d
}

// eventInfo is what the audit trail keeps of e besides the delta.
func eventInfo(e *wire.Event) *stock.EventInfo {
	return &stock.EventInfo{ID: e.ID, Type: e.Type, Location: e.Location, ToLocation: e.ToLocation,
		Worker: e.User, Device: e.Device, Order: e.Order, Happened: e.Time, ClockSynced: e.ClockSynced}
}

// sequenced converts a batch.
func sequenced(b *wire.Batch) []stock.Sequenced {
	out := make([]stock.Sequenced, len(b.Events))
	for i := range b.Events {
		out[i] = stock.Sequenced{Seq: b.Events[i].Seq, Delta: toDelta(b.Site, &b.Events[i])}
	}
	return out
}
