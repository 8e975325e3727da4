package report

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// turnoverReport: COGS ÷ mean daily closing value at cost, and days of
// inventory = days ÷ turnover.
func (e *Engine) turnoverReport(d *Dataset) *Report {
	r := &Report{Title: "Inventory turnover and days of inventory",
		Columns: []string{"sku", "cogs", "average_inventory", "turnover", "days_of_inventory"}}
	days := int64(d.Period.Days())
	var cogs, area int64
	for _, s := range d.SKUs {
		cogs, area = cogs+s.COGS, area+s.ValueArea
		if s.COGS == 0 && s.ValueArea == 0 {
			continue
		}
		// turnover = COGS ÷ (area ÷ days) = COGS·days ÷ area
		r.row(s.SKU, money(s.COGS), money(roundDiv(s.ValueArea, days)), ratio(s.COGS*days, s.ValueArea, 2), ratio(s.ValueArea, s.COGS, 1))
	}
	r.figure("COGS", "%s", money(cogs))
	r.figure("average inventory at cost", "%s", money(roundDiv(area, days)))
	r.figure("turnover", "%s", ratio(cogs*days, area, 2))
	// days of inventory = days ÷ turnover = area ÷ COGS
	r.figure("days of inventory", "%s", ratio(area, cogs, 1))
	return r
}

// stockoutReport: SKU-days closing at or below zero ÷ active SKU-days.
func (e *Engine) stockoutReport(d *Dataset) *Report {
	r := &Report{Title: "Stockout rate (days closing with nothing on hand)",
		Columns: []string{"sku", "stockout_days", "active_days", "rate"}}
	var out, active int64
	for _, s := range d.SKUs {
		out, active = out+int64(s.OutDays), active+int64(s.ActiveDays)
		if s.OutDays > 0 {
			r.row(s.SKU, s.OutDays, s.ActiveDays, pct(int64(s.OutDays), int64(s.ActiveDays)))
		}
	}
	r.figure("stockout rate", "%s", pct(out, active))
	r.figure("SKU-days out / active", "%d / %d", out, active)
	return r
}

// deadStockReport: on hand, no sale for DeadStockDays, not new.
func (e *Engine) deadStockReport(d *Dataset) *Report {
	r := &Report{Title: "Dead stock", Columns: []string{"sku", "on_hand", "value", "last_sale", "first_seen"}}
	dead := DeadStock(d, e.cfg.DeadStockDays)
	var value int64
	for _, s := range dead {
		value += s.CloseValue
		r.row(s.SKU, s.CloseQty, money(s.CloseValue), dateOrNever(s), s.FirstSeen.Format("2006-01-02"))
	}
	r.figure("dead SKUs", "%d (no sale in %d days)", len(dead), e.cfg.DeadStockDays)
	r.figure("dead stock value", "%s", money(value))
	r.Charts = append(r.Charts, deadStockChart(dead, 15))
	return r
}

// DeadStock lists SKUs with stock at the period's end, no sale in the
// last days days and first seen at least that long ago, by value.
func DeadStock(d *Dataset, days int) []*SKUStats {
	cut := d.Period.To.AddDate(0, 0, -days)
	var out []*SKUStats
	for _, s := range d.SKUs {
		if s.CloseQty > 0 && s.LastSale.Before(cut) && !s.FirstSeen.After(cut) {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b *SKUStats) int {
		if c := cmp.Compare(b.CloseValue, a.CloseValue); c != 0 {
			return c
		}
		return strings.Compare(a.SKU, b.SKU)
	})
	return out
}

// slowMoversReport: the slowest share of SKUs with stock.
func (e *Engine) slowMoversReport(d *Dataset) *Report {
	r := &Report{Title: "Slow movers (slowest SKUs with stock)",
		Columns: []string{"sku", "net_sold", "units_per_day", "on_hand", "days_of_stock"}}
	days := int64(d.Period.Days())
	slow, stocked := SlowMovers(d, e.cfg.SlowShare)
	for _, s := range slow {
		// days of stock = on hand ÷ (net sold ÷ days)
		r.row(s.SKU, s.NetSold(), ratio(s.NetSold(), days, 3), s.CloseQty, ratio(s.CloseQty*days, s.NetSold(), 0))
	}
	r.figure("slow movers", "%d of %d SKUs with stock", len(slow), stocked)
	return r
}

// SlowMovers returns the slowest share (rounded up) of the SKUs with
// stock at the period's end, slowest first, and how many had stock.
func SlowMovers(d *Dataset, share float64) ([]*SKUStats, int) {
	var stocked []*SKUStats
	for _, s := range slices.Backward(Ranked(d)) {
		if s.CloseQty > 0 {
			stocked = append(stocked, s)
		}
	}
	n := int(math.Ceil(float64(len(stocked))*share - 1e-9))
	return stocked[:min(n, len(stocked))], len(stocked)
}
