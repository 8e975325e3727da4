package fleet

import (
	"context"
	"sync"
	"time"

	"github.com/edged/edged/relay"
)

// Dispatcher is what a Gate passes quantities to (relay.Dispatcher).
type Dispatcher interface {
	Enqueue(relay.Item)
	Hold(id string)
	Release(id string)
	Drop()
}

// Confirmer records confirmed pushes with the owner's epoch
// (stock.Engine).
type Confirmer interface {
	Confirm(ctx context.Context, items []relay.Item, epoch uint64) error
}

// Gate stands in front of one channel's dispatcher: it passes quantities
// only while this instance owns the channel, and no longer than the lease
// as last renewed.
type Gate struct {
	ch   relay.Channel
	d    Dispatcher
	conf Confirmer
	now  func() time.Time

	mu    sync.Mutex
	epoch uint64
	until time.Time // local clock: when the lease could first be another's
}

// NewGate returns the gate of ch; conf records confirmed pushes. Give it
// its dispatcher with Dispatch before use (the dispatcher pushes through
// a Pusher that needs the gate).
func NewGate(ch relay.Channel, conf Confirmer) *Gate {
	return &Gate{ch: ch, conf: conf, now: time.Now}
}

// Dispatch sets the dispatcher the gate passes quantities to.
func (g *Gate) Dispatch(d Dispatcher) { g.d = d }

// Enqueue implements stock.Enqueuer.
func (g *Gate) Enqueue(it relay.Item) {
	if g.Owned() {
		g.d.Enqueue(it)
	}
}

// Hold implements stock.Holder.
func (g *Gate) Hold(id string) { g.d.Hold(id) }

// Release implements stock.Holder.
func (g *Gate) Release(id string) { g.d.Release(id) }

// Owned implements stock.Owner.
func (g *Gate) Owned() bool {
	_, ok := g.lease()
	return ok
}

// lease returns the epoch and whether it still holds.
func (g *Gate) lease() (uint64, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.epoch, g.epoch > 0 && g.now().Before(g.until)
}

func (g *Gate) deadline() time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.until
}

// own records the lease at epoch until the local time until; it reports
// whether the epoch is new to this gate.
func (g *Gate) own(epoch uint64, until time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	fresh := g.epoch != epoch || !g.now().Before(g.until)
	g.epoch, g.until = epoch, until
	return fresh
}

// lose forgets the lease and what the dispatcher still held.
func (g *Gate) lose() {
	g.mu.Lock()
	g.epoch, g.until = 0, time.Time{}
	g.mu.Unlock()
	g.d.Drop()
}

// Confirm implements relay.Confirmer with the gate's epoch.
func (g *Gate) Confirm(ctx context.Context, items []relay.Item) error {
	epoch, ok := g.lease()
	if !ok {
		return ErrDeposed
	}
	return g.conf.Confirm(ctx, items, epoch)
}
