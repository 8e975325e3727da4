package llrp

import "time"

// backoff is exponential with full jitter in [d/2, d], capped.
type backoff struct {
	min, max time.Duration
	cur      time.Duration
	rand     func() float64
}

// next returns the wait before the next attempt and doubles the base.
func (b *backoff) next() time.Duration {
	if b.cur == 0 {
		b.cur = b.min
	}
	d := b.cur
	b.cur = min(2*b.cur, b.max)
	return d/2 + time.Duration(b.rand()*float64(d/2))
}

// reset goes back to the minimum after a session that worked.
func (b *backoff) reset() { b.cur = 0 }
