package intake

import (
	"testing"
	"time"
)

// TestBackoff: 0.5 s doubling to 30 s, each wait in the upper half of
// its bound, and back to the start after reset.
func TestBackoff(t *testing.T) {
	ms := time.Millisecond
	bounds := []time.Duration{500 * ms, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}
	for _, c := range []struct {
		name string
		rand func(int64) int64
		want func(ceil time.Duration) time.Duration
	}{
		{"lowest", func(int64) int64 { return 0 }, func(ceil time.Duration) time.Duration { return ceil / 2 }},
		{"highest", func(n int64) int64 { return n - 1 }, func(ceil time.Duration) time.Duration { return ceil - 1 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := backoff{min: 500 * ms, max: 30 * time.Second, rand: c.rand}
			for i, ceil := range bounds {
				if got := b.next(); got != c.want(ceil) {
					t.Fatalf("attempt %d: %s, want %s", i, got, c.want(ceil))
				}
			}
			b.reset()
			if got := b.next(); got != c.want(500*ms) {
				t.Fatalf("after reset: %s", got)
			}
		})
	}
	b := backoff{min: 500 * ms, max: 30 * time.Second}
	for range 100 {
		if d := b.next(); d < 250*ms || d >= 30*time.Second {
			t.Fatalf("wait %s out of bounds", d)
		}
	}
}
