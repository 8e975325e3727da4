package fleettest

import (
	"slices"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/simkit"
)

// propagation is, per sale of Flash in time order, the time until every
// other channel had been set through its API to at most units − i −
// buffer (0 if it already showed that little), as flashsale measures it;
// sales never reflected are counted apart.
func (m *market) propagation(units int64) (times []time.Duration, never int) {
	type sale struct {
		ch relay.Channel
		at time.Time
	}
	var sales []sale
	api := map[relay.Channel][]simkit.Change{}
	for _, ch := range relay.Channels() {
		s, k := m.stock(ch, Flash)
		for _, c := range s.History() {
			switch {
			case c.Key != k:
			case c.ByAPI:
				api[ch] = append(api[ch], c)
			default:
				sales = append(sales, sale{ch, c.At})
			}
		}
	}
	slices.SortFunc(sales, func(a, b sale) int { return a.at.Compare(b.at) })
	for i, s := range sales {
		limit := max(0, units-int64(i+1)-buffer)
		worst, ok := time.Duration(0), true
		for ch, changes := range api {
			if ch != s.ch {
				d, seen := reflected(changes, s.at, limit)
				worst, ok = max(worst, d), ok && seen
			}
		}
		if !ok {
			never++
			continue
		}
		times = append(times, worst)
	}
	slices.Sort(times)
	return times, never
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
