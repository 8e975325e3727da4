package workflow

import (
	"context"
	"fmt"

	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/ledger"
)

// item turns an item scan into an event for the station's mode.
func (s *Station) item(ctx context.Context, f scanner.Frame, o *Outcome) {
	sku, err := s.precheckItem(f)
	if err != nil {
		s.reject(o, err)
		return
	}
	if s.st.mode == ModeCount && s.st.countID != "" {
		s.recordCount(ctx, o, sku)
		return
	}
	if s.st.mode == ModeMove {
		s.st.moveSKU, s.st.moveQty = sku, s.pendingQty()
		s.st.qty, s.st.qtySet = 0, false
		s.changed(o)
		return
	}
	e, err := s.itemEvent(f, sku)
	if err != nil {
		s.reject(o, err)
		return
	}
	s.post(ctx, o, e, true)
	if o.Status != StatusRejected { // a refused scan keeps the quantity and damaged flag for the rescan
		s.st.qty, s.st.qtySet, s.st.damaged = 0, false, false
	}
}

// precheckItem checks the station is ready and resolves the SKU.
func (s *Station) precheckItem(f scanner.Frame) (string, error) {
	st := &s.st
	switch {
	case st.mode == ModeNone:
		return "", fmt.Errorf("%w: no mode yet; scan a mode command (%sRECEIVE, %sPICK, ...) first",
			ErrWrongMode, s.rules.cfg.CommandPrefix, s.rules.cfg.CommandPrefix)
	case s.rules.cfg.RequireUser && st.user == "":
		return "", fmt.Errorf("%w: scan your badge first", ErrNoUser)
	case st.location == "":
		return "", fmt.Errorf("%w: scan a location before the item", ErrNoLocation)
	case st.mode == ModeCount && !st.qtySet:
		return "", fmt.Errorf("%w: counting needs the quantity found; scan it before the item", ErrQuantity)
	}
	return s.resolve(f)
}

// resolve decodes the barcode and finds its SKU: the GTIN of a GS1 or
// EAN/UPC scan, else the data as a SKU code or alias.
func (s *Station) resolve(f scanner.Frame) (string, error) {
	r, err := s.dec.Decode(f.Data)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrBadScan, err)
	}
	code, ok := r.GTIN()
	if !ok {
		code = string(r.Data)
	}
	sku, ok := s.cat.Lookup(code)
	if !ok {
		return "", fmt.Errorf("%w: %q is not in the catalog", ErrUnknownItem, code)
	}
	return sku, nil
}

func (s *Station) itemEvent(f scanner.Frame, sku string) (ledger.Event, error) {
	st := &s.st
	e := ledger.Event{ID: s.eventID(f), SKU: sku, Location: st.location, Qty: s.pendingQty(),
		User: st.user, Device: s.name}
	switch st.mode {
	case ModeReceive:
		e.Type = ledger.Receive
		cost, err := s.unitCost(sku)
		e.UnitCost = cost
		return e, err
	case ModePick:
		e.Type, e.Order = ledger.Sale, st.order
	case ModeReturn:
		e.Type, e.Order, e.Damaged = ledger.Return, st.order, st.damaged
	case ModeCount:
		e.Type = ledger.Count
	}
	return e, nil
}

func (s *Station) unitCost(sku string) (ledger.Money, error) {
	v, ok := s.rules.cfg.UnitCosts[sku]
	if !ok {
		v = s.rules.cfg.DefaultUnitCost
	}
	if v == "" {
		return ledger.Money{}, fmt.Errorf("%w: for %s; add it under workflow.unit_costs", ErrNoCost, sku)
	}
	n, err := ledger.ParseDecimal(v) // checked by Validate
	return ledger.Cost(n), err
}

func (s *Station) postMove(ctx context.Context, f scanner.Frame, o *Outcome) {
	st := &s.st
	switch {
	case st.location == "":
		s.reject(o, fmt.Errorf("%w: scan the source location before the item", ErrNoLocation))
		return
	case o.Token.Value == st.location:
		s.reject(o, fmt.Errorf("%w: %s is where the goods are; scan the destination", ErrNoLocation, st.location))
		return
	}
	e := ledger.Event{ID: s.eventID(f), Type: ledger.Transfer, SKU: st.moveSKU, Location: st.location,
		ToLocation: o.Token.Value, Qty: st.moveQty, User: st.user, Device: s.name}
	s.post(ctx, o, e, true)
	if o.Status != StatusRejected {
		st.moveSKU, st.moveQty = "", 0
	}
}
