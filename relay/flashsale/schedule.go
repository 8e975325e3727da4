package flashsale

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/edged/edged/relay"
)

// Order is one buyer: when (from the start of the sale) and where.
type Order struct {
	At      time.Duration
	Channel relay.Channel
}

// Schedule spreads n orders uniformly over d across the four channels.
func Schedule(n int, d time.Duration, seed uint64) []Order {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	chs := relay.Channels()
	out := make([]Order, n)
	for i := range out {
		out[i] = Order{At: time.Duration(rng.Int64N(int64(d))), Channel: chs[rng.IntN(len(chs))]}
	}
	slices.SortFunc(out, func(a, b Order) int { return int(a.At - b.At) })
	return out
}

// Percentile returns the p-th percentile (0 < p ≤ 1, nearest rank) of ds.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s))*p+0.999999) - 1
	return s[min(max(i, 0), len(s)-1)]
}
