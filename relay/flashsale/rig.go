package flashsale

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
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

// Rig is a relay with its four simulated channels, all on 127.0.0.1.
type Rig struct {
	Engine      *stock.Engine
	Dispatchers map[relay.Channel]*relay.Dispatcher
	Shopify     *shopifysim.Sim
	Lazada      *lazadasim.Sim
	Shopee      *shopeesim.Sim
	TikTok      *tiktoksim.Sim

	store   *stock.BoltStore
	servers []*httptest.Server
	hooks   *http.ServeMux
	changed chan struct{}
}

// Options configure a rig.
type Options struct {
	// Dir holds the bbolt file; required.
	Dir string
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
	r := &Rig{hooks: http.NewServeMux(), changed: make(chan struct{}, 1), Dispatchers: map[relay.Channel]*relay.Dispatcher{}}
	hook := r.serve(r.hooks)
	r.startSims(hook.URL)
	pushers, fetchers, handlers, err := r.clients(hook.URL, opt.Logger)
	if err != nil {
		r.Close()
		return nil, err
	}
	if err := r.buildEngine(ctx, opt, pushers, fetchers); err != nil {
		r.Close()
		return nil, err
	}
	for ch, h := range handlers {
		r.hooks.Handle("/"+string(ch), h(r.Engine))
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

func (r *Rig) buildEngine(ctx context.Context, opt Options, pushers map[relay.Channel]relay.Pusher, fetchers map[relay.Channel]stock.OrderFetcher) error {
	m, err := stock.ParseMapping(strings.NewReader(mappingCSV), "flashsale mapping")
	if err != nil {
		return err
	}
	if r.store, err = stock.OpenBolt(filepath.Join(opt.Dir, "relay.db")); err != nil {
		return err
	}
	out := map[relay.Channel]stock.Enqueuer{}
	for ch, p := range pushers {
		d := relay.NewDispatcher(ch, p, relay.DispatcherConfig{}, opt.Logger)
		r.Dispatchers[ch], out[ch] = d, d
	}
	r.Engine, err = stock.New(ctx, stock.Options{Store: r.store, Mapping: m, Config: stock.Config{SafetyBuffer: opt.SafetyBuffer},
		Out: out, Fetchers: fetchers, Logger: opt.Logger})
	return err
}

// Run runs the engine's order fetcher and the four dispatchers until ctx
// ends, and returns after all of them have stopped.
func (r *Rig) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	errs := make(chan error, len(r.Dispatchers)+1)
	run := func(f func(context.Context) error) {
		wg.Go(func() { errs <- f(ctx) })
	}
	run(r.Engine.Run)
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

// Close stops the servers and closes the store; call it after Run returned.
func (r *Rig) Close() error {
	for _, s := range r.servers {
		s.Close()
	}
	if r.store == nil {
		return nil
	}
	if err := r.store.Close(); err != nil {
		return fmt.Errorf("flashsale: close store: %w", err)
	}
	return nil
}
