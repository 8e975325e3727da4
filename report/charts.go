package report

import (
	"fmt"
	"slices"
)

// velocityChart ranks the n fastest SKUs by units per day.
func velocityChart(d *Dataset, n int) Chart {
	ranked := Ranked(d)
	ranked = ranked[:min(n, len(ranked))]
	days := float64(d.Period.Days())
	var labels, texts []string
	var vals []float64
	for _, s := range ranked {
		v := float64(s.NetSold()) / days
		labels, vals, texts = append(labels, s.SKU), append(vals, v), append(texts, fmt.Sprintf("%.2f/day", v))
	}
	return barChart(fmt.Sprintf("Sales velocity: top %d SKUs (units per day)", len(labels)), labels, vals, texts, colour(0))
}

// stockCharts draw the daily closing on hand of the n fastest SKUs,
// one small chart each so that the lines do not hide each other.
func stockCharts(d *Dataset, n int) []Chart {
	ranked := Ranked(d)
	ranked = ranked[:min(n, len(ranked))]
	xs := make([]string, d.Period.Days())
	for i := range xs {
		xs[i] = d.Period.From.AddDate(0, 0, i).Format("Jan 02")
	}
	var out []Chart
	for i, s := range ranked {
		daily := s.Daily(d.Period)
		vals := make([]float64, len(daily))
		for j, q := range daily {
			vals[j] = float64(q)
		}
		title := fmt.Sprintf("Stock on hand: %s (#%d by velocity)", s.SKU, i+1)
		out = append(out, lineChart(title, xs, []series{{s.SKU, vals, colour(i)}}, 0, "", 180))
	}
	return out
}

// deadStockChart ranks dead SKUs by value at cost.
func deadStockChart(dead []*SKUStats, n int) Chart {
	dead = dead[:min(n, len(dead))]
	var labels, texts []string
	var vals []float64
	for _, s := range dead {
		labels, vals, texts = append(labels, s.SKU), append(vals, float64(s.CloseValue)), append(texts, money(s.CloseValue))
	}
	return barChart("Dead stock value at cost", labels, vals, texts, colour(3))
}

// accuracyChart draws the weekly inventory record accuracy.
func accuracyChart(weeks []weekPoint) Chart {
	xs := make([]string, len(weeks))
	vals := make([]float64, len(weeks))
	for i, w := range weeks {
		xs[i] = w.Week.Format("2006-01-02")
		vals[i] = float64(w.OK) * 100 / float64(w.Done)
	}
	return lineChart("Inventory record accuracy per week", xs, []series{{"IRA", vals, ""}}, 100, "%", chartH)
}

func sortWeeks(ws []weekPoint) {
	slices.SortFunc(ws, func(a, b weekPoint) int { return a.Week.Compare(b.Week) })
}
