package report

import (
	"strings"
	"time"

	"github.com/edged/edged/ledger"
)

// add folds one event into the dataset.
func (d *Dataset) add(e *ledger.Event) {
	s := d.sku(e.SKU)
	qty := onHandDelta(e)
	s.headQty += qty
	s.headValue += e.ValueDelta
	if s.FirstSeen.IsZero() || e.Time.Before(s.FirstSeen) {
		s.FirstSeen = e.Time
	}
	if !e.Time.Before(d.Period.To) {
		return
	}
	if e.Type == ledger.Sale && e.Time.After(s.LastSale) {
		s.LastSale = e.Time
	}
	if e.Time.Before(d.Period.From) {
		s.OpenQty += qty
		s.OpenValue += e.ValueDelta
		return
	}
	if qty != 0 || e.ValueDelta != 0 {
		s.changes = append(s.changes, change{int32(d.Period.dayOf(e.Time)), qty, e.ValueDelta})
	}
	d.addFlow(s, e)
}

func onHandDelta(e *ledger.Event) int64 {
	var q int64
	for _, p := range e.Postings {
		if p.State == ledger.OnHand {
			q += p.Delta
		}
	}
	return q
}

// addFlow adds an in-period event to the period's totals.
func (d *Dataset) addFlow(s *SKUStats, e *ledger.Event) {
	switch e.Type {
	case ledger.Sale:
		s.Sold += e.Qty
		d.addMonth(s, e, e.Qty)
		if e.Order != "" {
			d.addPick(e)
		}
	case ledger.Return:
		s.Returned += e.Qty
		d.addMonth(s, e, -e.Qty)
	case ledger.Receive:
		s.Received += e.Qty
		d.addMonth(s, e, 0)
	case ledger.Baseline:
		s.Baseline += onHandDelta(e) // no shrink: the stock was there all along
		return
	default:
		s.Shrink += e.COGS
		return
	}
	s.COGS += e.COGS
	s.Revenue += d.prices[e.SKU] * unitsSold(e)
}

func unitsSold(e *ledger.Event) int64 {
	switch e.Type {
	case ledger.Sale:
		return e.Qty
	case ledger.Return:
		return -e.Qty
	}
	return 0
}

func (d *Dataset) addMonth(s *SKUStats, e *ledger.Event, units int64) {
	y, mo, _ := e.Time.Date()
	key := y*12 + int(mo)
	m := d.byMonth[key]
	if m == nil {
		m = &Month{Start: time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)}
		d.byMonth[key] = m
	}
	m.COGS += e.COGS
	m.UnitsSold += units
	if !s.Priced {
		m.UnpricedSold += units
		return
	}
	m.PricedCOGS += e.COGS
	m.Revenue += d.prices[e.SKU] * units
}

func (d *Dataset) addPick(e *ledger.Event) {
	lines := d.Picks[e.Order]
	if lines == nil {
		lines = map[string]int64{}
		d.Picks[strings.Clone(e.Order)] = lines
	}
	lines[e.SKU] += e.Qty
}
