package stock

import (
	"strconv"
	"testing"
	"time"
)

// TestWarnLimiterRepeatsOncePerIntervalWithTheHeldCount: the first warning
// of a key goes out, later ones within the interval are held back and
// counted, and the next one due says how many were held; keys are apart.
func TestWarnLimiterRepeatsOncePerIntervalWithTheHeldCount(t *testing.T) {
	now := time.Date(2026, 12, 4, 3, 0, 0, 0, time.UTC)
	l := warnLimiter{now: func() time.Time { return now }, every: 10 * time.Minute}
	steps := []struct {
		after time.Duration
		key   string
		due   bool
		held  int
	}{
		{0, "A", true, 0},
		{time.Second, "A", false, 0},
		{time.Second, "B", true, 0},
		{9 * time.Minute, "A", false, 0},
		{time.Minute - 2*time.Second, "A", true, 2},
		{time.Second, "A", false, 0},
		{10 * time.Minute, "A", true, 1},
		{time.Second, "B", true, 0},
	}
	for i, s := range steps {
		now = now.Add(s.after)
		if due, held := l.allow(s.key); due != s.due || held != s.held {
			t.Fatalf("step %d (%s after %s): due %v held %d, want %v %d", i, s.key, s.after, due, held, s.due, s.held)
		}
	}
}

func TestWarnLimiterZeroValueRepeatsEveryTenMinutes(t *testing.T) {
	var l warnLimiter
	if due, _ := l.allow("A"); !due {
		t.Fatal("the first warning was held back")
	}
	if due, _ := l.allow("A"); due {
		t.Fatal("a repeat at once was let through")
	}
	if l.interval() != 10*time.Minute {
		t.Fatalf("interval %s, want 10m", l.interval())
	}
}

// TestWarnKeysAreBounded: endless new keys from a faulty gateway do not
// grow the memory of warnings without bound.
func TestWarnKeysAreBounded(t *testing.T) {
	var l warnLimiter
	var o onceSet
	for i := range 3 * maxWarnKeys {
		key := strconv.Itoa(i)
		l.allow(key)
		o.first(key)
	}
	if len(l.keys) > maxWarnKeys || len(o.seen) > maxWarnKeys {
		t.Fatalf("%d and %d keys kept, want at most %d", len(l.keys), len(o.seen), maxWarnKeys)
	}
	if o.first("0") {
		t.Fatal("a key seen before was reported again")
	}
}
