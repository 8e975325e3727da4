package stock

import (
	"sync"
	"time"
)

// commitBounds are the upper bounds of the commit time buckets: an fsync
// of the bbolt file takes a millisecond or a few, a PostgreSQL round trip
// about as long, and a commit near commitTimeout is an outage.
var commitBounds = [...]time.Duration{
	500 * time.Microsecond, time.Millisecond, 2500 * time.Microsecond, 5 * time.Millisecond,
	10 * time.Millisecond, 25 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond,
	250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2500 * time.Millisecond, 5 * time.Second,
}

// CommitBucket counts the commits that took at most UpTo.
type CommitBucket struct {
	UpTo  time.Duration
	Count uint64
}

// CommitTimes is how long the engine's store transactions took since it
// was created, as a cumulative histogram: every Store.Update, successful
// or not, including ones with nothing to write.
type CommitTimes struct {
	Count uint64
	Sum   time.Duration
	// Buckets are cumulative, by UpTo ascending; Count includes the
	// commits slower than the last bucket.
	Buckets []CommitBucket
}

// commitTimes records commit durations; safe for concurrent use.
type commitTimes struct {
	mu  sync.Mutex
	n   [len(commitBounds) + 1]uint64 // per bucket, the last beyond every bound
	sum time.Duration
}

func (c *commitTimes) observe(d time.Duration) {
	i := 0
	for i < len(commitBounds) && d > commitBounds[i] {
		i++
	}
	c.mu.Lock()
	c.n[i]++
	c.sum += d
	c.mu.Unlock()
}

// CommitTimes returns how long the store transactions took so far.
func (e *Engine) CommitTimes() CommitTimes {
	c := &e.commits
	c.mu.Lock()
	defer c.mu.Unlock()
	out := CommitTimes{Sum: c.sum, Buckets: make([]CommitBucket, len(commitBounds))}
	for i, up := range commitBounds {
		out.Count += c.n[i]
		out.Buckets[i] = CommitBucket{UpTo: up, Count: out.Count}
	}
	out.Count += c.n[len(commitBounds)]
	return out
}
