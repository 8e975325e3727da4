package flashsale

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

// instance is one relay of the rig: its store connection, engine and
// webhook handlers. With several instances on one PostgreSQL store, the
// first pushes every channel (it would hold each channel's lease in
// relay/server) and fetches status-only orders; the others take their
// share of the webhooks, and each follows the others' commits.
type instance struct {
	store  stock.Store
	pg     *pgstore.Store // nil on bbolt
	engine *stock.Engine
	hooks  map[relay.Channel]http.Handler
	log    *slog.Logger
}

// buildInstance opens a store and builds one instance's engine with its
// own channel clients. The owner gets the dispatchers; the others only
// take webhooks (see follower).
func (r *Rig) buildInstance(ctx context.Context, opt Options, hookURL string, owner bool) (*instance, error) {
	m, err := stock.ParseMapping(strings.NewReader(mappingCSV), "flashsale mapping")
	if err != nil {
		return nil, err
	}
	pushers, fetchers, handlers, err := r.clients(hookURL, opt.Logger)
	if err != nil {
		return nil, err
	}
	in := &instance{hooks: map[relay.Channel]http.Handler{}}
	if err := in.open(ctx, opt); err != nil {
		return nil, err
	}
	out := map[relay.Channel]stock.Enqueuer{}
	for ch, p := range pushers {
		out[ch] = follower{}
		if owner {
			d := relay.NewDispatcher(ch, p, relay.DispatcherConfig{}, opt.Logger)
			r.Dispatchers[ch], out[ch] = d, d
		}
	}
	in.engine, err = stock.New(ctx, stock.Options{Store: in.store, Mapping: m, Config: stock.Config{SafetyBuffer: opt.SafetyBuffer},
		Out: out, Fetchers: fetchers, Logger: opt.Logger})
	if err != nil {
		in.store.Close()
		return nil, err
	}
	for ch, h := range handlers {
		in.hooks[ch] = h(in.engine)
	}
	return in, nil
}

func (in *instance) open(ctx context.Context, opt Options) error {
	in.log = opt.Logger
	if opt.Store == "" {
		b, err := stock.OpenBolt(filepath.Join(opt.Dir, "relay.db"))
		in.store = b
		return err
	}
	if !pgstore.IsDSN(opt.Store) {
		return errors.New("flashsale: Options.Store must be a PostgreSQL DSN (postgres://...)")
	}
	pg, err := pgstore.Open(ctx, opt.Store)
	in.store, in.pg = pg, pg
	return err
}

// follow brings the engine up to date whenever the store says another
// instance committed, and every few seconds in case a notification was
// missed, as relay/server does; the owner then pushes what others' orders
// changed, and fetches the orders they queued.
func (in *instance) follow(ctx context.Context) error {
	poke := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = in.pg.Listen(ctx, in.log, func() {
			select {
			case poke <- struct{}{}:
			default:
			}
		})
	}()
	defer func() { <-done }()
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-poke:
		case <-t.C:
		}
		if err := in.engine.Follow(ctx); err != nil && ctx.Err() == nil {
			in.log.Warn("following the store", "err", err)
		}
	}
}

// follower is the Out of a channel an instance does not push: it drops
// quantities (the owner pushes them from the committed state) and, as a
// stock.Owner, tells the engine to leave the channel's order fetches to
// the owner.
type follower struct{}

func (follower) Enqueue(relay.Item) {}
func (follower) Owned() bool        { return false }

// roundRobin spreads requests over hs in turn, as a load balancer in
// front of the instances would.
func roundRobin(hs []http.Handler) http.Handler {
	var next atomic.Uint64
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		hs[(next.Add(1)-1)%uint64(len(hs))].ServeHTTP(w, req)
	})
}
