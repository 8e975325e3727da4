package flashsale

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/shopee/shopeesim"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/simkit"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

// SKU is the one SKU of the rig, at Site.
const (
	SKU  = "FLASH-1"
	Site = "wh1"
)

// mappingCSV lists SKU on the four channels with the simulators' ids.
const mappingCSV = `channel,sku,site,item,variant,location,seller_sku
shopify,FLASH-1,wh1,gid://shopify/InventoryItem/1001,2001,gid://shopify/Location/301,
lazada,FLASH-1,wh1,3001,4001,,FLASH-1
shopee,FLASH-1,wh1,5001,0,,
tiktok,FLASH-1,wh1,7001,8001,9001,
`

// Rig is a relay with its four simulated channels, all on 127.0.0.1:
// one instance on bbolt, or several instances on one PostgreSQL store
// (see fleet.go).
type Rig struct {
	// Engine is the first instance's, which pushes every channel.
	Engine      *stock.Engine
	Dispatchers map[relay.Channel]*relay.Dispatcher
	Shopify     *shopifysim.Sim
	Lazada      *lazadasim.Sim
	Shopee      *shopeesim.Sim
	TikTok      *tiktoksim.Sim

	instances []*instance // [0] is Engine's
	servers   []*httptest.Server
	hooks     *http.ServeMux
	changed   chan struct{}
}

// Options configure a rig.
type Options struct {
	// Dir holds the bbolt file; required unless Store is set.
	Dir string
	// Store, a PostgreSQL DSN (postgres://...), puts the relay on
	// PostgreSQL instead, with Instances instances; default 1.
	Store     string
	Instances int
	// SafetyBuffer is the engine's safety buffer.
	SafetyBuffer int64
	// Logger defaults to discarding.
	Logger *slog.Logger
}

// NewRig starts the simulators and the webhook server and builds the relay.
// Call Run to start pushing and Close when done.
func NewRig(ctx context.Context, opt Options) (*Rig, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Store == "" && opt.Instances > 1 {
		return nil, errors.New("flashsale: several instances need a shared store (Options.Store, a PostgreSQL DSN)")
	}
	r := &Rig{hooks: http.NewServeMux(), changed: make(chan struct{}, 1), Dispatchers: map[relay.Channel]*relay.Dispatcher{}}
	hook := r.serve(r.hooks)
	r.startSims(hook.URL)
	handlers := map[relay.Channel][]http.Handler{}
	for i := range max(opt.Instances, 1) {
		in, err := r.buildInstance(ctx, opt, hook.URL, i == 0)
		if err != nil {
			r.Close()
			return nil, err
		}
		r.instances = append(r.instances, in)
		for ch, h := range in.hooks {
			handlers[ch] = append(handlers[ch], h)
		}
	}
	r.Engine = r.instances[0].engine
	for ch, hs := range handlers {
		r.hooks.Handle("/"+string(ch), roundRobin(hs))
	}
	return r, nil
}

func (r *Rig) serve(h http.Handler) *httptest.Server {
	s := httptest.NewServer(h)
	r.servers = append(r.servers, s)
	return s
}

func (r *Rig) notify(simkit.Change) {
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

// Run runs each instance's order fetcher (and, on PostgreSQL, its
// follower of the other instances' commits) and the four dispatchers until
// ctx ends, and returns after all of them have stopped.
func (r *Rig) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	errs := make(chan error, len(r.Dispatchers)+2*len(r.instances))
	run := func(f func(context.Context) error) {
		wg.Go(func() { errs <- f(ctx) })
	}
	for _, in := range r.instances {
		run(in.engine.Run)
		if in.pg != nil {
			run(in.follow)
		}
	}
	for _, d := range r.Dispatchers {
		run(d.Run)
	}
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
			all = append(all, err)
		}
	}
	return errors.Join(all...)
}

// Close stops the servers and closes the stores; call it after Run
// returned.
func (r *Rig) Close() error {
	for _, s := range r.servers {
		s.Close()
	}
	var errs []error
	for _, in := range r.instances {
		if err := in.store.Close(); err != nil {
			errs = append(errs, fmt.Errorf("flashsale: close store: %w", err))
		}
	}
	return errors.Join(errs...)
}
