package uplink

import (
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/uplink/wire"
)

// ToWire converts a recorded ledger event to its wire form.
func ToWire(e *ledger.Event) wire.Event {
	w := wire.Event{ID: e.ID, Type: string(e.Type), SKU: e.SKU, Location: e.Location, ToLocation: e.ToLocation,
		Qty: e.Qty, Damaged: e.Damaged, Time: e.Time, ClockSynced: e.ClockSynced, User: e.User, Device: e.Device,
		Reason: e.Reason, Order: e.Order, EPC: e.EPC, CountID: e.CountID, Seq: e.Seq, Book: e.Book,
		COGS: e.COGS, ValueDelta: e.ValueDelta}
	if e.UnitCost.Set {
		c := e.UnitCost.Minor
		w.UnitCost = &c
	}
	if len(e.Postings) > 0 {
		w.Postings = make([]wire.Posting, len(e.Postings))
		for i, p := range e.Postings {
			w.Postings[i] = wire.Posting{Location: p.Location, State: string(p.State), Delta: p.Delta, After: p.After}
		}
	}
	return w
}

// FromWire converts a wire event back to a ledger event.
func FromWire(w *wire.Event) ledger.Event {
	e := ledger.Event{ID: w.ID, Type: ledger.Type(w.Type), SKU: w.SKU, Location: w.Location, ToLocation: w.ToLocation,
		Qty: w.Qty, Damaged: w.Damaged, Time: w.Time, ClockSynced: w.ClockSynced, User: w.User, Device: w.Device,
		Reason: w.Reason, Order: w.Order, EPC: w.EPC, CountID: w.CountID, Seq: w.Seq, Book: w.Book,
		COGS: w.COGS, ValueDelta: w.ValueDelta}
	if w.UnitCost != nil {
		e.UnitCost = ledger.Cost(*w.UnitCost)
	}
	for _, p := range w.Postings {
		e.Postings = append(e.Postings, ledger.Posting{Location: p.Location, State: ledger.State(p.State), Delta: p.Delta, After: p.After})
	}
	return e
}
