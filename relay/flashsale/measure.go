package flashsale

import (
	"slices"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/simkit"
)

type sale struct {
	ch relay.Channel
	at time.Time
}

// measure reads the simulators' histories. The i-th sale (in time order)
// is propagated to another channel once that channel was set through its
// API to at most units − i − buffer, or already was when the sale happened.
func (r *Rig) measure(cfg Config) Outcome {
	var sales []sale
	api := map[relay.Channel][]simkit.Change{}
	for _, ch := range relay.Channels() {
		for _, c := range r.History(ch) {
			if c.ByAPI {
				api[ch] = append(api[ch], c)
			} else {
				sales = append(sales, sale{ch, c.At})
			}
		}
	}
	slices.SortFunc(sales, func(a, b sale) int { return a.at.Compare(b.at) })
	out := Outcome{Sold: int64(len(sales))}
	out.Oversold = max(0, out.Sold-cfg.Units)
	for i, s := range sales {
		limit := max(0, cfg.Units-int64(i+1)-cfg.SafetyBuffer)
		worst, ok := time.Duration(0), true
		for ch, changes := range api {
			if ch == s.ch {
				continue
			}
			d, seen := reflected(changes, s.at, limit)
			worst, ok = max(worst, d), ok && seen
		}
		if !ok {
			out.Unpropagated++
			continue
		}
		out.Propagation = append(out.Propagation, worst)
	}
	return out
}

// reflected finds when changes first showed at most limit at or after at.
func reflected(changes []simkit.Change, at time.Time, limit int64) (time.Duration, bool) {
	i, _ := slices.BinarySearchFunc(changes, at, func(c simkit.Change, t time.Time) int { return c.At.Compare(t) })
	if i > 0 && changes[i-1].Qty <= limit {
		return 0, true
	}
	for _, c := range changes[i:] {
		if c.Qty <= limit {
			return c.At.Sub(at), true
		}
	}
	return 0, false
}
