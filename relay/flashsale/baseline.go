package flashsale

import (
	"slices"
	"time"

	"github.com/edged/edged/relay"
)

// Outcome is what a sale did: units sold, units sold beyond stock, and per
// sale the time until every other channel showed a quantity that accounts
// for it.
type Outcome struct {
	Sold, Oversold int64
	Propagation    []time.Duration
	// Unpropagated counts sales never reflected on every other channel.
	Unpropagated int
}

// Baseline replays orders against four channels that a scheduled sync
// sets to units − sold − buffer every interval, in simulated time. Each
// channel starts synced (units − buffer) and sells from its own count, as
// the simulators do; the first sync falls at phase, in [0, interval).
// Propagation of a sale is the time to the next sync, which is instant
// here, in the baseline's favour.
func Baseline(orders []Order, units, buffer int64, interval, phase time.Duration) Outcome {
	shown := map[relay.Channel]int64{}
	for _, ch := range relay.Channels() {
		shown[ch] = max(0, units-buffer)
	}
	var out Outcome
	next := phase
	for _, o := range orders {
		for next <= o.At {
			for ch := range shown {
				shown[ch] = max(0, units-out.Sold-buffer)
			}
			next += interval
		}
		if shown[o.Channel] < 1 {
			continue
		}
		shown[o.Channel]--
		out.Sold++
		out.Propagation = append(out.Propagation, next-o.At)
	}
	out.Oversold = max(0, out.Sold-units)
	return out
}

// BaselinePhases runs Baseline at n sync phases spread evenly over the
// interval, since where the sale falls between two syncs decides the
// outcome. Propagation times are pooled; Sold and Oversold are the
// medians over the phases.
func BaselinePhases(orders []Order, units, buffer int64, interval time.Duration, n int) Outcome {
	n = max(n, 1)
	var out Outcome
	sold := make([]int64, 0, n)
	for i := range n {
		o := Baseline(orders, units, buffer, interval, time.Duration(i)*interval/time.Duration(n))
		out.Propagation = append(out.Propagation, o.Propagation...)
		sold = append(sold, o.Sold)
	}
	slices.Sort(sold)
	out.Sold = sold[len(sold)/2]
	out.Oversold = max(0, out.Sold-units)
	return out
}
