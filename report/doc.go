// Package report computes inventory KPIs from the ledger, exactly and
// reproducibly, and renders them as tables, JSON, CSV or an HTML page
// with inline SVG charts.
//
// # Data
//
// Every report reads the ledger through the small interfaces of
// source.go, in one pass over the log (Collect). Quantities over time
// are rebuilt from the postings of each event; the current balances and
// FIFO values (Valuation) anchor them, so a log whose oldest events were
// pruned into a checkpoint still gives exact figures. A day is a UTC
// calendar day; the closing balance of a day counts every event whose
// wall time falls before the day's end, whatever order the events were
// recorded in, so back-dated events land on the day they happened.
//
// # Reports
//
// The formulas follow the reference in ledger.md §2.5:
//
//   - abc: classes by net units sold (sales minus returns) in the period;
//     A is the SKUs making the first 80 % of units, B the next 15 %, C
//     the rest and every SKU that did not sell.
//   - velocity: net units sold per day, ranked; the slowest 10 % of
//     stocked SKUs are slow movers.
//   - accuracy: inventory record accuracy = lines of finished counts
//     whose |counted − book| is within the tolerance of the SKU's class
//     ÷ lines counted. Positive and negative variances are never netted.
//   - sell-through: units sold ÷ (units on hand at the start + units
//     received) over the period.
//   - turnover: COGS ÷ average inventory at cost (the mean of the daily
//     closing values), and days of inventory = days ÷ turnover.
//   - dead-stock: on hand > 0 and no sale for DeadStockDays (180), SKUs
//     first seen less than that long ago excluded; valued at FIFO cost.
//   - stockout: SKU-days closing with on hand ≤ 0 ÷ SKU-days on which
//     the SKU existed.
//   - fulfilment: orders whose picks (sales carrying the order number)
//     match the ordered lines exactly ÷ orders picked.
//   - profit: revenue (price list × units, returns refunded), COGS and
//     gross profit per calendar month.
//   - low-stock: on hand at or below the reorder point, critical at or
//     below the safety stock.
//
// Alerts publishes low-stock and dead-stock alerts through a Publisher.
package report
