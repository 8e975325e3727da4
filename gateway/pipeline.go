package gateway

import (
	"context"
	"sync"
	"time"

	"github.com/edged/edged/device/rfid"
)

// work is one item for the movement recorder: a presence event, or a
// count zone's cycle with the zone's locations.
type work struct {
	event rfid.Event
	cycle *rfid.CycleReport
	locs  []string
}

// recordMovements is the one goroutine that turns presence into ledger
// movements, until the queue is closed. ctx is not cancelled at shutdown
// so that what was queued is still recorded.
func (g *Gateway) recordMovements(ctx context.Context) {
	for w := range g.events {
		g.ctr.beat(&g.ctr.recorderBeat, g.parts.Now())
		g.invMu.Lock()
		flow := g.flow
		g.invMu.Unlock()
		var err error
		if w.cycle != nil {
			_, err = flow.Count(ctx, *w.cycle, w.locs)
		} else {
			_, err = flow.Handle(ctx, w.event)
		}
		if err != nil {
			g.ctr.ledgerErrors.Add(1)
			g.log.Error("recording an RFID movement failed; the reads are kept in presence and retried on the next arrival", "err", err)
		}
	}
}

// startJobs runs the inventory clock, count cycles and ledger pruning
// until ctx ends.
func (g *Gateway) startJobs(ctx context.Context) *sync.WaitGroup {
	var wg sync.WaitGroup
	wg.Go(func() { g.every(ctx, g.tickInterval(), g.tick) })
	wg.Go(func() { g.every(ctx, g.config().CountCycle, g.countCycles) })
	wg.Go(func() { g.every(ctx, g.config().Ledger.PruneEvery, func(time.Time) { g.prune(ctx) }) })
	g.startCounting(ctx, &wg)
	return &wg
}

func (g *Gateway) every(ctx context.Context, d time.Duration, fn func(time.Time)) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn(g.parts.Now())
		}
	}
}

func (g *Gateway) tickInterval() time.Duration {
	g.invMu.Lock()
	defer g.invMu.Unlock()
	if g.inv == nil {
		return time.Second
	}
	return g.inv.CheckInterval()
}

func (g *Gateway) tick(now time.Time) {
	g.ctr.beat(&g.ctr.jobsBeat, now)
	g.invMu.Lock()
	var evs []rfid.Event
	if g.inv != nil {
		evs = g.inv.Tick(now, nil)
	}
	g.invMu.Unlock()
	for _, ev := range evs {
		g.events <- work{event: ev}
	}
}

// countCycles closes the cycle of every count zone.
func (g *Gateway) countCycles(now time.Time) {
	cfg := g.config()
	for _, z := range cfg.RFID.Zones {
		if z.Role != rfid.Count && !cfg.ALEReports {
			continue
		}
		g.invMu.Lock()
		rep, err := g.inv.EndCycle(z.Name, now)
		g.invMu.Unlock()
		if err != nil {
			g.log.Warn("count cycle", "zone", z.Name, "err", err)
			continue
		}
		g.publishCycle(rep)
		if z.Role == rfid.Count {
			g.events <- work{cycle: &rep, locs: zoneLocations(z)}
		}
	}
}

func zoneLocations(z rfid.Zone) []string {
	var out []string
	for _, l := range z.Locations {
		out = append(out, l.Name)
	}
	return out
}

func (g *Gateway) prune(ctx context.Context) {
	n, err := g.parts.Ledger.Prune(ctx)
	if err != nil {
		g.log.Warn("ledger prune", "err", err)
		return
	}
	if n > 0 {
		g.log.Info("ledger pruned acknowledged events past retention", "events", n)
	}
}

func (g *Gateway) config() Config {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.cfg
}
