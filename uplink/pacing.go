package uplink

import (
	"math/rand/v2"
	"time"
)

// backoff is exponential with full jitter: attempt n waits a uniform
// random time in [0, min(max, base·2ⁿ)).
type backoff struct {
	base, max time.Duration
	attempt   int
	rand      func(n int64) int64
}

func (b *backoff) next() time.Duration {
	ceil := b.base << min(b.attempt, 30)
	if ceil <= 0 || ceil > b.max {
		ceil = b.max
	}
	b.attempt++
	r := b.rand
	if r == nil {
		r = rand.Int64N
	}
	return time.Duration(r(int64(ceil)))
}

func (b *backoff) reset() { b.attempt = 0 }

// bucket is a token bucket of messages; a negative rate never limits.
type bucket struct {
	rate   float64 // tokens per second
	burst  float64
	tokens float64
	last   time.Time
}

func newBucket(rate float64, burst int, now time.Time) *bucket {
	return &bucket{rate: rate, burst: float64(burst), tokens: float64(burst), last: now}
}

func (b *bucket) refill(now time.Time) {
	if d := now.Sub(b.last); d > 0 {
		b.tokens = min(b.burst, b.tokens+d.Seconds()*b.rate)
	}
	b.last = now
}

// take spends one token if there is one.
func (b *bucket) take(now time.Time) bool {
	if b.rate < 0 {
		return true
	}
	b.refill(now)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// wait is how long until a token is available.
func (b *bucket) wait(now time.Time) time.Duration {
	b.refill(now)
	if b.rate < 0 || b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
}
