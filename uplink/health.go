package uplink

import (
	"context"
	"sync"
	"time"

	"github.com/edged/edged/uplink/wire"
)

// alarms are the uplink's own alarm flags, guarded by Uplink.mu.
type alarms struct {
	ackOverdue, badAck bool
	level              int // backlog capacity level: 0, 50, 80, 95 or 100
}

type linkCounters struct{ sent, retransmits uint64 }

// count updates the link counters.
func (u *Uplink) count(f func(*linkCounters)) {
	u.mu.Lock()
	c := linkCounters{u.link.SentMessages, u.link.Retransmits}
	f(&c)
	u.link.SentMessages, u.link.Retransmits = c.sent, c.retransmits
	u.mu.Unlock()
}

func (u *Uplink) setInFlight(n int) {
	u.mu.Lock()
	u.link.InFlight = n
	u.mu.Unlock()
}

// setAlarm sets a flag and reports whether it changed.
func (u *Uplink) setAlarm(flag *bool, on bool) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	changed := *flag != on
	*flag = on
	return changed
}

// healthQueue keeps the snapshots not yet published, dropping the oldest.
type healthQueue struct {
	mu      sync.Mutex
	max     int
	q       []wire.Health
	dropped uint64
	ready   chan struct{}
}

func (h *healthQueue) push(s wire.Health) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.q) >= h.max {
		h.q = h.q[1:]
		h.dropped++
	}
	h.q = append(h.q, s)
	select {
	case h.ready <- struct{}{}:
	default:
	}
}

func (h *healthQueue) take() []wire.Health {
	h.mu.Lock()
	defer h.mu.Unlock()
	q := h.q
	h.q = nil
	return q
}

// flushHealth publishes queued snapshots, oldest first, at QoS 0, then
// the queued notices.
func (s *sess) flushHealth() {
	for _, h := range s.u.health.take() {
		s.conn.Publish(Message{Topic: s.u.topics.health, Payload: wire.Encode(&h)})
	}
	for _, m := range s.u.notes.take() {
		s.conn.Publish(m)
	}
}

// healthLoop takes a snapshot every HealthInterval, connected or not.
func (u *Uplink) healthLoop(ctx context.Context) {
	t := time.NewTicker(u.cfg.HealthInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			u.health.push(u.snapshot())
		}
	}
}
