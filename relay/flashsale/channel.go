package flashsale

import (
	"context"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/simkit"
)

// Sell makes one buyer order one unit on ch; false if ch shows none.
func (r *Rig) Sell(ctx context.Context, ch relay.Channel) bool {
	var ok bool
	switch ch {
	case relay.Shopify:
		_, ok = r.Shopify.Sell(ctx, "2001", 1)
	case relay.Lazada:
		_, ok = r.Lazada.Sell(ctx, "4001", 1)
	case relay.Shopee:
		_, ok = r.Shopee.Sell(ctx, 5001, 0, 1)
	case relay.TikTok:
		_, ok = r.TikTok.Sell(ctx, "7001", "8001", "9001", 1)
	}
	return ok
}

// stockOf returns ch's simulated stock and the SKU's key in it.
func (r *Rig) stockOf(ch relay.Channel) (*simkit.Stock, string) {
	switch ch {
	case relay.Shopify:
		return &r.Shopify.Stock, "gid://shopify/InventoryItem/1001|gid://shopify/Location/301"
	case relay.Lazada:
		return &r.Lazada.Stock, "4001"
	case relay.Shopee:
		return &r.Shopee.Stock, "5001/0"
	}
	return &r.TikTok.Stock, "8001/9001"
}

// Shown is what buyers on ch can buy now.
func (r *Rig) Shown(ch relay.Channel) int64 {
	s, k := r.stockOf(ch)
	l, _ := s.Get(k)
	return l.Available
}

// History is every change of the SKU on ch.
func (r *Rig) History(ch relay.Channel) []simkit.Change {
	s, _ := r.stockOf(ch)
	return s.History()
}

// WaitFor returns when cond holds, checking after every channel change and
// every few milliseconds, or ctx's error.
func (r *Rig) WaitFor(ctx context.Context, cond func() bool) error {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-r.changed:
		case <-t.C:
		}
	}
	return nil
}

// Settled reports whether the relay has caught up: every sale reserved,
// no fetch or push pending, every channel showing want.
func (r *Rig) Settled(sold, want int64) bool {
	if r.Engine.Level(SKU, Site).Reserved != sold || r.Engine.Pending() != 0 {
		return false
	}
	for ch, d := range r.Dispatchers {
		if d.Status().Pending != 0 || r.Shown(ch) != want {
			return false
		}
	}
	return true
}
