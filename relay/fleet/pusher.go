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
// cuts the push off before the lease could pass to another instance, and
// within the push timeout, after which a new owner that took the lease
// early pushes over whatever this one had in flight.
type Pusher struct {
	inner   relay.Pusher
	gate    *Gate
	leases  LeaseStore
	owner   string
	timeout time.Duration
}

// NewPusher fences inner, the adapter of gate's channel; timeout is the
// fleet's push timeout (≤ 0: DefaultPushTimeout).
func NewPusher(inner relay.Pusher, gate *Gate, leases LeaseStore, owner string, timeout time.Duration) *Pusher {
	return &Pusher{inner: inner, gate: gate, leases: leases, owner: owner,
		timeout: Timing{PushTimeout: timeout}.orDefaults().PushTimeout}
}

// chunk is how many listings one fenced push carries: a whole catalogue
// (a new owner's first push) goes as many pushes, each checked and timed
// on its own, rather than one that no lease or push timeout would let end.
const chunk = 50

// Push implements relay.Pusher.
func (p *Pusher) Push(ctx context.Context, items []relay.Item) []relay.Result {
	out := make([]relay.Result, 0, len(items))
	for len(items) > 0 {
		n := min(chunk, len(items))
		res := p.pushChunk(ctx, items[:n])
		out = append(out, res...)
		items = items[n:]
		if len(res) > 0 && res[0].Err != nil && (relayNotOwner(res[0].Err) || ctx.Err() != nil) {
			out = append(out, failAll(items, res[0].Err)...)
			break
		}
	}
	return out
}

func (p *Pusher) pushChunk(ctx context.Context, items []relay.Item) []relay.Result {
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
	if d := start.Add(p.timeout); d.Before(until) {
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
