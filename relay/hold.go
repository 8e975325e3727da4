package relay

import (
	"context"
	"time"
)

// Hold stops pushes to the channel until Release(id) or MaxHold: the
// channel has taken an order (id) whose lines are still being fetched, and
// an absolute quantity pushed now, computed without that sale, would put
// the sold units back on sale. Holds are per channel, so other channels
// keep receiving the decrements.
func (d *Dispatcher) Hold(id string) {
	d.mu.Lock()
	if _, ok := d.held[id]; !ok {
		d.held[id] = time.Now()
	}
	d.mu.Unlock()
}

// Release ends a Hold and wakes Run.
func (d *Dispatcher) Release(id string) {
	d.mu.Lock()
	delete(d.held, id)
	d.mu.Unlock()
	d.poke()
}

// holdFor returns how long pushes must still wait, or 0; holds older than
// MaxHold are dropped with a warning so a failing fetch cannot freeze the
// channel, and pushes wait no longer than MaxHold in a row however many
// holds overlap: a steady stream of the channel's orders, each held for a
// moment, would otherwise keep it from being told anything.
func (d *Dispatcher) holdFor(now time.Time) time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.next) == 0 {
		d.blocked = time.Time{}
		return 0
	}
	wait := d.heldFor(now)
	switch {
	case wait == 0:
		d.blocked = time.Time{}
	case d.blocked.IsZero():
		d.blocked = now
	case now.Sub(d.blocked) >= d.hold:
		d.log.Warn("pushes held for max_hold by overlapping orders; pushing without them", "held", len(d.held), "max_hold", d.hold)
		d.blocked = now
		return 0
	default:
		wait = min(wait, d.hold-now.Sub(d.blocked))
	}
	return wait
}

func (d *Dispatcher) heldFor(now time.Time) time.Duration {
	var wait time.Duration
	for id, since := range d.held {
		left := d.hold - now.Sub(since)
		if left <= 0 {
			delete(d.held, id)
			d.log.Warn("push hold expired; pushing without the order", "order", id, "max_hold", d.hold)
			continue
		}
		wait = max(wait, left)
	}
	return wait
}

// waitHold sleeps until a Release, the hold's expiry or ctx's end, then
// makes Run look again.
func (d *Dispatcher) waitHold(ctx context.Context, h time.Duration) {
	t := time.NewTimer(h)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-d.wake:
	case <-t.C:
	}
	d.poke()
}
