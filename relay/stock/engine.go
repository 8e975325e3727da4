package stock

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/edged/edged/relay"
)

// Enqueuer takes the latest quantity of a listing; relay.Dispatcher is one.
type Enqueuer interface {
	Enqueue(relay.Item)
}

// Holder is an Enqueuer that can hold a channel's pushes while one of its
// own orders is being fetched (relay.Dispatcher is one): a push computed
// without that sale would put the sold units back on sale.
type Holder interface {
	Hold(id string)
	Release(id string)
}

// Owner is an Enqueuer that pushes only while this relay owns its channel
// (relay/fleet's gate): with several relays on one store, only the owner
// of a channel fetches its status-only orders.
type Owner interface {
	Owned() bool
}

// OrderFetcher reads an order's status and lines from its channel, for
// notifications that carry only a status. Adapters implement it.
type OrderFetcher interface {
	FetchOrder(ctx context.Context, orderID string) (relay.OrderEvent, error)
}

// Options are what the engine needs. Store and Mapping are required.
type Options struct {
	Store   Store
	Mapping *Mapping
	Config  Config
	// Out receives quantities per channel; channels without one are skipped.
	Out map[relay.Channel]Enqueuer
	// Fetchers resolve status-only order notifications per channel.
	Fetchers map[relay.Channel]OrderFetcher
	// Logger defaults to discarding.
	Logger *slog.Logger
}

// Engine keeps the master stock. Its methods are safe for concurrent use.
// Its state is a copy of the store at version ver: every write brings it
// up to date under the store's write lock first, and Follow does so for
// reading, so with several relays on one store the store decides.
type Engine struct {
	opt   Options
	log   *slog.Logger
	wake  map[relay.Channel]chan struct{} // per channel with a fetcher
	queue commitQueue
	mu    sync.Mutex // held while the state is read or changed
	st    *state
	ver   uint64
	stats statCounters
	warns warnings // repeated warnings held back (warnlimit.go)
	// commits times the store transactions, for CommitTimes.
	commits commitTimes
}

// New loads the engine's state from opt.Store.
func New(ctx context.Context, opt Options) (*Engine, error) {
	if err := opt.Config.Validate(); err != nil {
		return nil, fmt.Errorf("stock config: %w", err)
	}
	e := &Engine{opt: opt, log: opt.Logger, wake: map[relay.Channel]chan struct{}{}}
	for ch := range opt.Fetchers {
		e.wake[ch] = make(chan struct{}, 1)
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.reloadLocked(ctx); err != nil {
		return nil, err
	}
	return e, nil
}

// reloadLocked replaces the copy with the store's, then resumes what the
// store says is pending: pushes not yet told and fetches not yet done.
func (e *Engine) reloadLocked(ctx context.Context) error {
	snap, err := e.opt.Store.Load(ctx)
	if err != nil {
		return err
	}
	st, err := loadState(snap)
	if err != nil {
		return err
	}
	e.st, e.ver = st, snap.Version
	for _, ch := range relay.Channels() {
		e.resumeLocked(ch)
	}
	return nil
}

// Resume hands ch's Enqueuer every quantity the store has not seen told
// and holds pushes for ch's orders still being fetched: for a relay that
// has just become the channel's owner.
func (e *Engine) Resume(ch relay.Channel) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.resumeLocked(ch)
}

func (e *Engine) resumeLocked(ch relay.Channel) {
	out := e.opt.Out[ch]
	if out == nil {
		return
	}
	for _, row := range e.st.outbox {
		if row.Target.Channel == ch && row.pending() {
			out.Enqueue(row.item())
		}
	}
	for key, ev := range e.st.inbox {
		if ev.Channel != ch {
			continue
		}
		if h, ok := out.(Holder); ok {
			h.Hold(key)
		}
		e.poke(ch)
	}
}

// poke wakes ch's fetch worker.
func (e *Engine) poke(ch relay.Channel) {
	select {
	case e.wake[ch] <- struct{}{}:
	default:
	}
}

// quantityLocked is on hand − reservations − buffer − other channels' locks,
// never below zero.
func (e *Engine) quantityLocked(t relay.Target) int64 {
	k := siteSKU{t.SKU, t.Site}
	q := e.st.onHand[k] - e.st.reserved[k] - e.opt.Config.buffer(t.Channel)
	for _, ch := range relay.Channels() {
		if ch != t.Channel {
			q -= e.st.locks[joinKey(string(ch), t.SKU)]
		}
	}
	return max(q, 0)
}

// Version is the store version the engine's copy is at.
func (e *Engine) Version() uint64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.ver
}
