package uplinktest

import (
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/uplink/wire"
)

func (r *Relay) receive(c paho.Client, m paho.Message) {
	a, ok := wire.ParseTopic(m.Topic())
	if !ok {
		return
	}
	switch a.Kind {
	case wire.KindDeltas:
		r.delta(c, a, m.Payload())
	case wire.KindState:
		if s, err := wire.DecodeState(m.Payload()); err == nil {
			r.record(a, func(g *gateway) { g.states = append(g.states, s) })
		}
	case wire.KindHealth:
		if h, err := wire.DecodeHealth(m.Payload()); err == nil {
			r.record(a, func(g *gateway) { g.health = append(g.health, h) })
		}
	}
	r.notify()
}

func (r *Relay) record(a wire.Address, f func(*gateway)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f(r.gw(a))
}

// gw returns the gateway state; r.mu is held.
func (r *Relay) gw(a wire.Address) *gateway {
	g := r.gws[a.Gateway]
	if g == nil {
		g = &gateway{site: a.Site}
		r.gws[a.Gateway] = g
	}
	return g
}

// delta applies a batch at most once, in order, then acks or asks for a
// resync when a gap shows that a message was lost.
func (r *Relay) delta(c paho.Client, a wire.Address, payload []byte) {
	b, err := wire.DecodeBatch(payload)
	if err != nil {
		r.t.Errorf("relay: bad batch on %s: %v", a.Gateway, err)
		return
	}
	r.mu.Lock()
	g := r.gw(a)
	if g.epoch != b.Epoch {
		g.epoch, g.applied, g.events = b.Epoch, 0, nil
	}
	resync := g.apply(b)
	upto, acking := g.applied, r.acking
	r.mu.Unlock()
	if resync != 0 {
		c.Publish(wire.CmdTopic(a.Site, a.Gateway, wire.CmdResync), 1, false, wire.Encode(&wire.Resync{From: resync}))
	}
	if acking {
		c.Publish(wire.Topic(a.Site, a.Gateway, wire.KindAck), 1, false, wire.Encode(&wire.Ack{Epoch: b.Epoch, Upto: upto}))
	}
}

// apply returns the seq to resync from when b leaves a gap.
func (g *gateway) apply(b *wire.Batch) uint64 {
	switch {
	case b.Last <= g.applied:
		g.duplicates += len(b.Events)
	case b.First > g.applied+1:
		if g.resyncFrom != g.applied+1 {
			g.resyncFrom = g.applied + 1
			return g.resyncFrom
		}
	default:
		skip := g.applied + 1 - b.First
		g.duplicates += int(skip)
		g.events = append(g.events, b.Events[skip:]...)
		g.applied = b.Last
	}
	return 0
}

// Applied returns the last seq applied for gateway.
func (r *Relay) Applied(gateway string) uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	if g := r.gws[gateway]; g != nil {
		return g.applied
	}
	return 0
}

// Events returns a copy of the events applied for gateway, in order.
func (r *Relay) Events(gateway string) []wire.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	if g := r.gws[gateway]; g != nil {
		return append([]wire.Event(nil), g.events...)
	}
	return nil
}

// Duplicates counts events received again after they were applied.
func (r *Relay) Duplicates(gateway string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if g := r.gws[gateway]; g != nil {
		return g.duplicates
	}
	return 0
}

// States returns the birth and death messages seen for gateway.
func (r *Relay) States(gateway string) []wire.State {
	r.mu.Lock()
	defer r.mu.Unlock()
	if g := r.gws[gateway]; g != nil {
		return append([]wire.State(nil), g.states...)
	}
	return nil
}

// Health returns the health snapshots seen for gateway.
func (r *Relay) Health(gateway string) []wire.Health {
	r.mu.Lock()
	defer r.mu.Unlock()
	if g := r.gws[gateway]; g != nil {
		return append([]wire.Health(nil), g.health...)
	}
	return nil
}

// WaitFor waits until cond holds (checked on every relay change) or
// fails the test after timeout.
func (r *Relay) WaitFor(timeout time.Duration, what string, cond func() bool) {
	r.t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		r.mu.Lock()
		ch := r.changed
		r.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-time.After(50 * time.Millisecond):
		case <-deadline.C:
			r.t.Fatalf("relay: timed out after %s waiting for %s", timeout, what)
		}
	}
}
