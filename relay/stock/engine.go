package stock

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

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
type Engine struct {
	opt   Options
	log   *slog.Logger
	gws   map[string]bool
	wake  map[relay.Channel]chan struct{} // per channel with a fetcher
	mu    sync.Mutex
	st    *state
	stats statCounters
}

// New loads the engine's state from opt.Store.
func New(ctx context.Context, opt Options) (*Engine, error) {
	if err := opt.Config.Validate(); err != nil {
		return nil, fmt.Errorf("stock config: %w", err)
	}
	st, err := loadState(ctx, opt.Store)
	if err != nil {
		return nil, err
	}
	e := &Engine{opt: opt, log: opt.Logger, st: st, wake: map[relay.Channel]chan struct{}{}, gws: map[string]bool{}}
	for ch := range opt.Fetchers {
		e.wake[ch] = make(chan struct{}, 1)
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	for _, g := range opt.Config.Gateways {
		e.gws[g] = true
	}
	for key, ev := range st.inbox { // resume fetches queued before a restart
		e.poke(ev.Channel)
		if h, ok := opt.Out[ev.Channel].(Holder); ok {
			h.Hold(key)
		}
	}
	return e, nil
}

// update runs fn on a transaction, commits it durably, and then pushes the
// quantities of the SKUs it touched. On a failed commit nothing changes.
func (e *Engine) update(ctx context.Context, fn func(tx *txn) error) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	tx := newTxn(e.st)
	fnErr := fn(tx)
	if err := e.opt.Store.Commit(ctx, tx.muts); err != nil {
		tx.rollback()
		return err
	}
	now := time.Now()
	for sku := range tx.skus {
		e.pushLocked(sku, now)
	}
	for key, ch := range tx.held {
		if h, ok := e.opt.Out[ch].(Holder); ok {
			h.Hold(key)
		}
	}
	for key, ch := range tx.released {
		if h, ok := e.opt.Out[ch].(Holder); ok {
			h.Release(key)
		}
	}
	for _, ch := range tx.held {
		e.poke(ch)
	}
	return fnErr
}

// poke wakes ch's fetch worker.
func (e *Engine) poke(ch relay.Channel) {
	select {
	case e.wake[ch] <- struct{}{}:
	default:
	}
}

// pushLocked hands every listing of sku its current quantity.
func (e *Engine) pushLocked(sku string, changed time.Time) {
	for _, t := range e.opt.Mapping.Targets(sku) {
		out := e.opt.Out[t.Channel]
		if out == nil {
			continue
		}
		out.Enqueue(relay.Item{Target: t, Qty: e.quantityLocked(t), Changed: changed})
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
