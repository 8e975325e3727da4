package uplink_test

import (
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/uplinktest"
)

// stepClock is a wall clock that the test can set backwards.
type stepClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Millisecond)
	return c.now
}

func (c *stepClock) set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// TestClockJumpBackwards: event times going backwards change nothing:
// order is by seq, timers run on the monotonic clock, and the oldest
// unacked age never goes negative.
func TestClockJumpBackwards(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	relay := uplinktest.StartRelay(t, b.URL())
	clock := &stepClock{now: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
	l := ledgertest.Open(t, &ledger.Options{Now: clock.Now})
	appendEvents(t, l, 0, 60)
	g := startGateway(t, testConfig(), testMQTT(b.URL()), l, uplink.Deps{})
	waitDrained(t, relay, l, 20*time.Second)
	clock.set(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)) // NTP steps three hours back
	appendEvents(t, l, 60, 60)
	g.u.Notify()
	if h := g.u.Snapshot(); h.Backlog.OldestUnackedS < 0 {
		t.Fatalf("negative oldest unacked age %v", h.Backlog.OldestUnackedS)
	}
	waitDrained(t, relay, l, 20*time.Second)
	assertRelayEqualsLedger(t, relay, l)
	ev := relay.Events(gw)
	if !ev[60].Time.Before(ev[59].Time) || ev[60].Seq != ev[59].Seq+1 {
		t.Fatalf("expected a backwards time at seq %d with seqs in order", ev[60].Seq)
	}
}
