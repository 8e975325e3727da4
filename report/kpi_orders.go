package report

import (
	"maps"
	"slices"
)

// fulfilmentReport: orders whose picks equal the ordered lines exactly
// ÷ orders picked in the period (that the orders list knows).
func (e *Engine) fulfilmentReport(d *Dataset) *Report {
	r := &Report{Title: "Order fulfilment (picking) accuracy",
		Columns: []string{"order", "status", "ordered_lines", "picked_lines"}}
	var ok, known, unknown int64
	for _, id := range slices.Sorted(maps.Keys(d.Picks)) {
		picked := d.Picks[id]
		ordered, found := e.orders[id]
		status := "not in orders list"
		switch {
		case !found:
			unknown++
		case maps.Equal(ordered, picked):
			known, ok, status = known+1, ok+1, "correct"
		default:
			known, status = known+1, "wrong"
		}
		r.row(id, status, len(ordered), len(picked))
	}
	r.figure("order fulfilment accuracy", "%s", pct(ok, known))
	r.figure("orders correct / checked", "%d / %d", ok, known)
	r.figure("picked orders not in the orders list", "%d", unknown)
	return r
}

// lowStockReport: on hand at or below the reorder point.
func (e *Engine) lowStockReport(d *Dataset) *Report {
	r := &Report{Title: "Low stock against reorder points",
		Columns: []string{"sku", "on_hand", "reorder_point", "safety_stock", "level"}}
	low := LowStock(d)
	for _, a := range low {
		r.row(a.SKU, a.OnHand, a.ReorderPoint, a.SafetyStock, a.Level)
	}
	r.figure("SKUs at or below their reorder point", "%d", len(low))
	return r
}

// Low is one SKU at or below its reorder point.
type Low struct {
	SKU          string `json:"sku"`
	OnHand       int64  `json:"on_hand"`
	ReorderPoint int64  `json:"reorder_point"`
	SafetyStock  int64  `json:"safety_stock"`
	Level        string `json:"level"` // "reorder" or "critical" (at or below safety stock)
}

// LowStock lists the configured SKUs at or below their reorder point at
// the period's end. Without a reorder point but with a lead time, the
// point is the lead-time demand at the period's velocity, rounded up,
// plus safety stock.
func LowStock(d *Dataset) []Low {
	var out []Low
	days := int64(d.Period.Days())
	for _, sku := range slices.Sorted(maps.Keys(d.Items)) {
		it := d.Items[sku]
		rop := it.ReorderPoint
		if rop == 0 && it.LeadTimeDays > 0 {
			var sold int64
			if s := d.SKU(sku); s != nil {
				sold = s.NetSold()
			}
			rop = (sold*int64(it.LeadTimeDays)+days-1)/days + it.SafetyStock
		}
		var onHand int64
		if s := d.SKU(sku); s != nil {
			onHand = s.CloseQty
		}
		if rop == 0 && it.SafetyStock == 0 || onHand > max(rop, it.SafetyStock) {
			continue
		}
		level := "reorder"
		if onHand <= it.SafetyStock {
			level = "critical"
		}
		out = append(out, Low{sku, onHand, rop, it.SafetyStock, level})
	}
	return out
}
