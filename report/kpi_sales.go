package report

// abcReport lists each SKU's class, units and cumulative share.
func (e *Engine) abcReport(d *Dataset) *Report {
	r := &Report{Title: "ABC classification by net units sold",
		Columns: []string{"rank", "sku", "class", "net_sold", "cumulative_share"}}
	cls := Classify(d, e.cfg.ABC.AShare, e.cfg.ABC.BShare)
	ranked := Ranked(d)
	var total, cum int64
	counts := map[Class]int{}
	for _, s := range ranked {
		total += s.NetSold()
	}
	for i, s := range ranked {
		cum += s.NetSold()
		counts[cls[s.SKU]]++
		r.row(i+1, s.SKU, cls[s.SKU], s.NetSold(), pct(cum, total))
	}
	r.figure("SKUs", "%d", len(ranked))
	r.figure("class A / B / C", "%d / %d / %d", counts[ClassA], counts[ClassB], counts[ClassC])
	r.figure("net units sold", "%d", total)
	return r
}

// velocityReport ranks SKUs by net units sold per day.
func (e *Engine) velocityReport(d *Dataset) *Report {
	r := &Report{Title: "Sales velocity ranking",
		Columns: []string{"rank", "sku", "net_sold", "units_per_day", "on_hand"}}
	days := int64(d.Period.Days())
	for i, s := range Ranked(d) {
		r.row(i+1, s.SKU, s.NetSold(), ratio(s.NetSold(), days, 3), s.CloseQty)
	}
	r.figure("days", "%d", days)
	r.Charts = append(append(r.Charts, velocityChart(d, 20)), stockCharts(d, e.cfg.ChartSKUs)...)
	return r
}

// sellThroughReport: units sold ÷ (on hand at start + received). Stock a
// baseline import recorded in the period counts as opening stock: it was
// on the shelves before the ledger knew it.
func (e *Engine) sellThroughReport(d *Dataset) *Report {
	r := &Report{Title: "Sell-through rate",
		Columns: []string{"sku", "open_qty", "received", "sold", "returned", "sell_through", "sold_per_received"}}
	var open, recv, sold int64
	for _, s := range d.SKUs {
		opening := max(0, s.OpenQty+s.Baseline)
		if opening+s.Received+s.Sold == 0 {
			continue
		}
		open, recv, sold = open+opening, recv+s.Received, sold+s.Sold
		r.row(s.SKU, opening, s.Received, s.Sold, s.Returned, pct(s.Sold, opening+s.Received), pct(s.Sold, s.Received))
	}
	r.figure("sell-through (sold ÷ (opening on hand + received))", "%s", pct(sold, open+recv))
	r.figure("sold ÷ received", "%s", pct(sold, recv))
	r.figure("units sold / received / on hand at start", "%d / %d / %d", sold, recv, open)
	return r
}

// profitReport: revenue, COGS and gross profit per calendar month.
func (e *Engine) profitReport(d *Dataset) *Report {
	r := &Report{Title: "COGS and gross profit per month",
		Columns: []string{"month", "units_sold", "revenue", "cogs_priced", "gross_profit", "margin", "cogs_all", "unpriced_units"}}
	var rev, pc, all int64
	for _, m := range d.Months {
		gp := m.Revenue - m.PricedCOGS
		rev, pc, all = rev+m.Revenue, pc+m.PricedCOGS, all+m.COGS
		r.row(m.Start.Format("2006-01"), m.UnitsSold, money(m.Revenue), money(m.PricedCOGS), money(gp),
			pct(gp, m.Revenue), money(m.COGS), m.UnpricedSold)
	}
	r.figure("revenue", "%s", money(rev))
	r.figure("COGS", "%s", money(all))
	r.figure("gross profit (priced SKUs)", "%s", money(rev-pc))
	r.figure("gross margin", "%s", pct(rev-pc, rev))
	return r
}
