package server

import (
	"sync"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/console"
	"github.com/edged/edged/relay/stock"
)

// consoleSource adapts the engine, the dispatchers, the intake and the
// fleet to console.Source.
//
// The stock is built at most once per version, and not on the request
// path while commits stream in: a view taken less than consoleStale ago
// is served while a newer one is built in the background, and Version
// reports the version of the view that Stock returns, so the live
// stream sends the change once its view is built. At 10,000 SKUs a build
// takes tens of milliseconds; in a flash sale the console would
// otherwise rebuild for every request after every commit.
type consoleSource struct {
	s   *Server
	now func() time.Time

	build sync.Mutex // one build at a time
	wg    sync.WaitGroup

	mu       sync.Mutex
	view     consoleView
	building bool
}

// consoleView is the stock at one version, taken at one time.
type consoleView struct {
	ver   uint64
	stock []console.SKU
	taken time.Time
}

// consoleStale is how old a view may be while a newer one is built.
const consoleStale = 250 * time.Millisecond

func newConsoleSource(s *Server) *consoleSource { return &consoleSource{s: s, now: time.Now} }

// current moves with every commit of the store and every failed push
// (which commits nothing but shows on the stock page): both only grow.
func (c *consoleSource) current() uint64 {
	v := c.s.engine.Version()
	for _, d := range c.s.disp {
		v += d.Status().Failed
	}
	return v
}

// Version is the version of the stock Stock returns; a newer one is
// being built when it lags behind the store's.
func (c *consoleSource) Version() uint64 {
	cur := c.current()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.view.stock == nil {
		return cur
	}
	if c.view.ver != cur {
		c.refreshLocked()
	}
	return c.view.ver
}

// Stock is the engine's view with each listing's push error; callers
// share the slice and must not change it.
func (c *consoleSource) Stock() []console.SKU {
	cur := c.current()
	c.mu.Lock()
	v := c.view
	fresh := v.stock != nil && (v.ver == cur || c.now().Sub(v.taken) < consoleStale)
	if fresh && v.ver != cur {
		c.refreshLocked()
	}
	c.mu.Unlock()
	if fresh {
		return v.stock
	}
	return c.rebuild()
}

// refreshLocked starts a background build unless one runs; c.mu is held.
func (c *consoleSource) refreshLocked() {
	if c.building {
		return
	}
	c.building = true
	c.wg.Go(func() {
		c.rebuild()
		c.mu.Lock()
		c.building = false
		c.mu.Unlock()
	})
}

// wait returns once no background build runs (the server's shutdown).
func (c *consoleSource) wait() { c.wg.Wait() }

// rebuild builds the view at the current version, unless another build
// just did.
func (c *consoleSource) rebuild() []console.SKU {
	c.build.Lock()
	defer c.build.Unlock()
	cur := c.current()
	c.mu.Lock()
	if v := c.view; v.stock != nil && v.ver == cur {
		c.mu.Unlock()
		return v.stock
	}
	c.mu.Unlock()
	taken := c.now()
	st := map[relay.Channel]relay.ChannelStatus{}
	for ch, d := range c.s.disp {
		st[ch] = d.Status()
	}
	view := c.s.engine.View()
	out := make([]console.SKU, len(view.SKUs))
	for i, sv := range view.SKUs {
		out[i] = skuOf(sv, st)
	}
	c.mu.Lock()
	c.view = consoleView{ver: cur, stock: out, taken: taken}
	c.mu.Unlock()
	return out
}

func skuOf(sv stock.SKUView, st map[relay.Channel]relay.ChannelStatus) console.SKU {
	s := console.SKU{SKU: sv.SKU, Sites: make([]console.Site, len(sv.Sites))}
	for i, l := range sv.Sites {
		s.Sites[i] = console.Site{Site: l.Site, OnHand: l.OnHand, Reserved: l.Reserved}
	}
	for _, ch := range relay.Channels() {
		if n := sv.Locks[ch]; n > 0 {
			s.Locks = append(s.Locks, console.Lock{Channel: string(ch), Qty: n})
		}
	}
	for _, l := range sv.Listings {
		cs := st[l.Target.Channel]
		e := cs.Permanent[l.Target.Key()]
		if e == "" && l.Pending {
			e = cs.LastError
		}
		s.Listings = append(s.Listings, console.Listing{Channel: string(l.Target.Channel), Site: l.Target.Site,
			Buffer: l.Buffer, Offered: l.Offered, Told: l.Told, Pending: l.Pending, Changed: l.Changed, ToldAt: l.ToldAt, Error: e})
	}
	return s
}
