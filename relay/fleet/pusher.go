package fleet

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/edged/edged/relay"
)

// margin is taken off a lease's remaining time for a push's deadline:
// clock steps, and the request still travelling when it is cut.
const margin = 250 * time.Millisecond

// Pusher checks the channel's lease in the store before each push and
// cuts the push off before the lease could pass to another instance.
type Pusher struct {
	inner  relay.Pusher
	gate   *Gate
	leases LeaseStore
	owner  string
}

// NewPusher fences inner, the adapter of gate's channel.
func NewPusher(inner relay.Pusher, gate *Gate, leases LeaseStore, owner string) *Pusher {
	return &Pusher{inner: inner, gate: gate, leases: leases, owner: owner}
}

// Push implements relay.Pusher.
func (p *Pusher) Push(ctx context.Context, items []relay.Item) []relay.Result {
	epoch, ok := p.gate.lease()
	if !ok {
		return failAll(items, ErrDeposed)
	}
	start := p.gate.now()
	left, err := p.leases.Check(ctx, p.gate.ch, p.owner, epoch)
	if err != nil {
		if relayNotOwner(err) {
			p.gate.lose()
		} else {
			err = &relay.RetryAfterError{Err: fmt.Errorf("%w: lease check: %w", relay.ErrUnavailable, err)}
		}
		return failAll(items, err)
	}
	until := start.Add(left)
	if d := p.gate.deadline(); d.Before(until) {
		until = d
	}
	pctx, cancel := context.WithDeadline(ctx, until.Add(-margin))
	defer cancel()
	return p.inner.Push(pctx, items)
}

func failAll(items []relay.Item, err error) []relay.Result {
	out := make([]relay.Result, len(items))
	for i, it := range items {
		out[i] = relay.Result{Item: it, Err: err}
	}
	return out
}

func relayNotOwner(err error) bool { return errors.Is(err, relay.ErrNotOwner) }
