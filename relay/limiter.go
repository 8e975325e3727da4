package relay

import (
	"context"
	"sync"
	"time"
)

// Limiter is a token bucket: Rate tokens per second, at most Burst stored.
// The zero Limiter does not limit. It is safe for concurrent use.
type Limiter struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
}

// NewLimiter returns a bucket that starts full. A rate ≤ 0 means unlimited;
// a burst < 1 means 1.
func NewLimiter(rate float64, burst int) *Limiter {
	b := max(float64(burst), 1)
	return &Limiter{rate: rate, burst: b, tokens: b}
}

// Wait blocks until a token is available or ctx ends.
func (l *Limiter) Wait(ctx context.Context) error {
	for {
		d := l.reserve(time.Now())
		if d == 0 {
			return nil
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// reserve takes a token and returns 0, or returns how long to wait.
func (l *Limiter) reserve(now time.Time) time.Duration {
	if l == nil || l.rate <= 0 {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.last.IsZero() {
		l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	}
	l.last = now
	if l.tokens >= 1 {
		l.tokens--
		return 0
	}
	need := (1 - l.tokens) / l.rate
	return max(time.Duration(need*float64(time.Second)), time.Millisecond)
}

// PathLimiter keeps one token bucket per API path, since the platforms
// limit each API separately (TikTok: 50 QPS per API; Lazada: the inventory
// APIs apart from the order APIs). Order fetches then never queue behind
// stock pushes. It is safe for concurrent use.
type PathLimiter struct {
	rate  float64
	burst int
	mu    sync.Mutex
	m     map[string]*Limiter
}

// NewPathLimiter returns per-path buckets of rate and burst (see NewLimiter).
func NewPathLimiter(rate float64, burst int) *PathLimiter {
	return &PathLimiter{rate: rate, burst: burst, m: map[string]*Limiter{}}
}

// Wait blocks until path's bucket has a token or ctx ends.
func (p *PathLimiter) Wait(ctx context.Context, path string) error {
	p.mu.Lock()
	l, ok := p.m[path]
	if !ok {
		l = NewLimiter(p.rate, p.burst)
		p.m[path] = l
	}
	p.mu.Unlock()
	return l.Wait(ctx)
}
