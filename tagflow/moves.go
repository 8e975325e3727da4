package tagflow

import (
	"context"

	"github.com/edged/edged/device/rfid"
	"github.com/edged/edged/ledger"
)

// sku resolves a tag through its GTIN (SGTIN) or its URI.
func (f *Flow) sku(ev rfid.Event) (string, bool) {
	id, err := ev.EPC.Identity()
	if err != nil {
		f.count(&f.n.UnknownTag)
		return "", false
	}
	if gtin := id.GTIN(); gtin != "" {
		if sku, ok := f.cat.GTIN(gtin); ok {
			return sku, true
		}
	}
	if sku, ok := f.cat.EPC(id.URI()); ok {
		return sku, true
	}
	f.count(&f.n.UnknownTag)
	return "", false
}

func (f *Flow) receive(ctx context.Context, ev rfid.Event) (*ledger.Event, error) {
	sku, ok := f.sku(ev)
	if !ok {
		return nil, nil
	}
	cost, ok := f.cat.UnitCost(sku)
	if !ok {
		f.count(&f.n.NoCost)
		f.log.Warn("rfid receipt needs the catalog's unit_cost", "sku", sku, "epc", ev.EPC.String())
		return nil, nil
	}
	minor, err := ledger.ParseDecimal(cost)
	if err != nil {
		f.count(&f.n.NoCost)
		return nil, nil
	}
	e := f.event(ledger.Receive, ev, "receive")
	e.SKU, e.Location, e.UnitCost = sku, ev.To.Location, ledger.Cost(minor)
	return f.record(ctx, e, &f.n.Received)
}

// held says where the ledger holds the tag; counted when it does not.
func (f *Flow) held(ev rfid.Event) (ledger.Serial, bool, error) {
	s, found, err := f.rec.SerialOf(ev.EPC.String())
	if err == nil && (!found || s.State != ledger.OnHand) {
		f.count(&f.n.NotHeld)
		return s, false, nil
	}
	return s, found, err
}

func (f *Flow) ship(ctx context.Context, ev rfid.Event) (*ledger.Event, error) {
	s, ok, err := f.held(ev)
	if !ok || err != nil {
		return nil, err
	}
	e := f.event(ledger.Sale, ev, "ship")
	e.SKU, e.Location, e.Order = s.SKU, s.Location, f.order(ev.To.Zone)
	return f.record(ctx, e, &f.n.Shipped)
}

func (f *Flow) putAway(ctx context.Context, ev rfid.Event) (*ledger.Event, error) {
	s, ok, err := f.held(ev)
	if !ok || err != nil || s.Location == ev.To.Location {
		return nil, err
	}
	return f.transfer(ctx, ev, s, ev.To.Location, "move")
}

func (f *Flow) transfer(ctx context.Context, ev rfid.Event, s ledger.Serial, to, key string) (*ledger.Event, error) {
	e := f.event(ledger.Transfer, ev, key)
	e.SKU, e.Location, e.ToLocation = s.SKU, s.Location, to
	return f.record(ctx, e, &f.n.Transferred)
}

// toReceivePortal: a tag moving onto the dock is received when the
// ledger does not hold it (it left by the shipping door and came back),
// and otherwise moved there.
func (f *Flow) toReceivePortal(ctx context.Context, ev rfid.Event) (*ledger.Event, error) {
	s, found, err := f.rec.SerialOf(ev.EPC.String())
	switch {
	case err != nil:
		return nil, err
	case !found:
		return f.receive(ctx, ev)
	case s.State != ledger.OnHand || s.Location == ev.To.Location:
		return nil, nil
	}
	return f.transfer(ctx, ev, s, ev.To.Location, "move")
}
