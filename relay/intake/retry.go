package intake

import (
	"math/rand/v2"
	"time"
)

// backoff doubles from min to max per attempt; each wait is drawn
// uniformly from the upper half of the bound, so a fleet of relays does
// not retry in step and none retries in a tight loop.
type backoff struct {
	min, max time.Duration
	attempt  int
	rand     func(n int64) int64 // nil: math/rand/v2
}

func (b *backoff) next() time.Duration {
	ceil := b.min << min(b.attempt, 30)
	if ceil <= 0 || ceil > b.max {
		ceil = b.max
	}
	b.attempt++
	half := ceil / 2
	if ceil-half <= 0 {
		return ceil
	}
	r := b.rand
	if r == nil {
		r = rand.Int64N
	}
	return half + time.Duration(r(int64(ceil-half)))
}

func (b *backoff) reset() { b.attempt = 0 }
