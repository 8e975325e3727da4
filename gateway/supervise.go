package gateway

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"
)

// counters are the gateway's own figures for health.
type counters struct {
	recorderBeat atomic.Int64 // unix ns of the recorder's last item
	jobsBeat     atomic.Int64 // unix ns of the last inventory tick
	ledgerErrors atomic.Uint64
	reloads      atomic.Uint64
}

func (c *counters) beat(p *atomic.Int64, now time.Time) { p.Store(now.UnixNano()) }

// supervise proves liveness to systemd until ctx ends: the watchdog is
// fed only while the jobs goroutine keeps ticking and the recorder is
// not stuck on a full queue, so a wedged daemon is restarted.
func (g *Gateway) supervise(ctx context.Context) {
	t := time.NewTicker(g.parts.WatchdogEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := g.alive(g.parts.Now()); err != nil {
				g.log.Error("supervision: not feeding the watchdog", "err", err)
				continue
			}
			_ = g.parts.Notify.Watchdog()
			_ = g.parts.Notify.Status(g.statusLine())
		}
	}
}

// alive checks that the periodic jobs run and that a full queue is
// being drained.
func (g *Gateway) alive(now time.Time) error {
	limit := 3 * g.parts.WatchdogEvery
	if last := g.ctr.jobsBeat.Load(); last != 0 && now.Sub(time.Unix(0, last)) > limit+g.tickInterval() {
		return fmt.Errorf("the inventory clock has not ticked for %s", now.Sub(time.Unix(0, last)).Round(time.Second))
	}
	if len(g.events) == cap(g.events) && now.Sub(time.Unix(0, g.ctr.recorderBeat.Load())) > limit {
		return fmt.Errorf("the movement queue is full and the recorder has not progressed for %s", limit)
	}
	return nil
}

// statusLine is the one line `systemctl status edged` shows.
func (g *Gateway) statusLine() string {
	h := g.Health()
	reading := 0
	for _, r := range h.Readers {
		if r.State == "reading" {
			reading++
		}
	}
	return fmt.Sprintf("%d/%d readers reading, %d tags present, %d events pending uplink",
		reading, len(h.Readers), h.Inventory.Tracked, h.Ledger.Pending)
}
