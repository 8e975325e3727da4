package server

import (
	"sync"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/console"
	"github.com/edged/edged/relay/stock"
)

// consoleSource adapts the engine, the dispatchers, the intake and the
// fleet to console.Source. The stock is built once per version.
type consoleSource struct {
	s *Server

	mu    sync.Mutex
	ver   uint64
	stock []console.SKU
}

func newConsoleSource(s *Server) *consoleSource { return &consoleSource{s: s} }

// Version moves with every commit of the store and every failed push
// (which commits nothing but shows on the stock page): both only grow.
func (c *consoleSource) Version() uint64 {
	v := c.s.engine.Version()
	for _, d := range c.s.disp {
		v += d.Status().Failed
	}
	return v
}

// Stock is the engine's view with each listing's push error; callers
// share the slice and must not change it.
func (c *consoleSource) Stock() []console.SKU {
	v := c.Version()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stock != nil && c.ver == v {
		return c.stock
	}
	st := map[relay.Channel]relay.ChannelStatus{}
	for ch, d := range c.s.disp {
		st[ch] = d.Status()
	}
	view := c.s.engine.View()
	out := make([]console.SKU, len(view.SKUs))
	for i, sv := range view.SKUs {
		out[i] = skuOf(sv, st)
	}
	c.ver, c.stock = v, out
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
