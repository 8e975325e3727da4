package scanner

import (
	"math/rand/v2"
	"time"
)

// Backoff is the reopen schedule of a Supervisor: Min, doubled after
// every failed attempt up to Max, plus up to 10% jitter so scanners on
// one hub do not retry in lockstep. Zero fields mean the defaults.
type Backoff struct {
	// Min is the first delay; default 500 ms.
	Min time.Duration `mapstructure:"min"`
	// Max caps the delay; default 30 s.
	Max time.Duration `mapstructure:"max"`
	// StableAfter is how long a connection must last for the next
	// failure to start again at Min; default 10 s.
	StableAfter time.Duration `mapstructure:"stable_after"`
}

// Default backoff values.
const (
	DefaultBackoffMin  = 500 * time.Millisecond
	DefaultBackoffMax  = 30 * time.Second
	DefaultStableAfter = 10 * time.Second
)

func (b Backoff) withDefaults() Backoff {
	if b.Min <= 0 {
		b.Min = DefaultBackoffMin
	}
	if b.Max <= 0 {
		b.Max = DefaultBackoffMax
	}
	if b.Max < b.Min {
		b.Max = b.Min
	}
	if b.StableAfter <= 0 {
		b.StableAfter = DefaultStableAfter
	}
	return b
}

// Delay is the wait before attempt n (0 is the first retry), without
// jitter.
func (b Backoff) Delay(n int) time.Duration {
	b = b.withDefaults()
	d := b.Min
	for i := 0; i < n && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}

// jittered adds up to 10% to d.
func jittered(d time.Duration) time.Duration {
	return d + rand.N(d/10+1)
}
