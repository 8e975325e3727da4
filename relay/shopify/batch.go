package shopify

import (
	"context"
	"fmt"

	"github.com/edged/edged/relay"
)

// batch is one mutation's items across resend rounds.
type batch struct {
	res     []relay.Result
	pending []int        // indexes into res still to set
	stale   map[int]bool // items to cap at Shopify's level once re-read
}

// pushBatch sets a batch, dropping items Shopify refuses and re-reading
// stale ones, until the rest is set or the rounds run out.
func (c *Client) pushBatch(ctx context.Context, items []relay.Item) []relay.Result {
	b := &batch{res: make([]relay.Result, len(items)), stale: map[int]bool{}}
	for i := range items {
		b.res[i].Item = items[i]
		b.pending = append(b.pending, i)
	}
	for round := 0; round < maxRounds && len(b.pending) > 0; round++ {
		c.prepare(ctx, b)
		if len(b.pending) == 0 {
			break
		}
		bad, err := c.setOnce(ctx, b)
		if err != nil {
			return b.fail(err)
		}
		c.settle(b, bad)
	}
	return b.fail(fmt.Errorf("%w: still stale after %d rounds", relay.ErrUnavailable, maxRounds))
}

// prepare reads unknown levels and caps stale items at Shopify's level, so
// that a sale Shopify took meanwhile is not put back on sale.
func (c *Client) prepare(ctx context.Context, b *batch) {
	var keep []int
	for _, i := range b.pending {
		level, err := c.knownLevel(ctx, b.res[i].Item.Target)
		if err != nil {
			b.res[i].Err = err
			continue
		}
		if b.stale[i] {
			b.res[i].Item.Qty = min(b.res[i].Item.Qty, level)
			delete(b.stale, i)
		}
		keep = append(keep, i)
	}
	b.pending = keep
}

// fail sets err on every pending item and returns the results.
func (b *batch) fail(err error) []relay.Result {
	for _, i := range b.pending {
		b.res[i].Err = err
	}
	return b.res
}

// settle applies the answer: no userErrors means every pending item is set.
// Stale items are re-read next round; refused items fail; the rest retry.
func (c *Client) settle(b *batch, bad map[int]userError) {
	if len(bad) == 0 {
		for _, i := range b.pending {
			c.remember(b.res[i].Item.Target, b.res[i].Item.Qty)
		}
		b.pending = nil
		return
	}
	var next []int
	for pos, i := range b.pending {
		ue, ok := bad[pos]
		switch {
		case !ok:
			next = append(next, i)
		case ue.stale():
			c.forget(b.res[i].Item.Target)
			b.stale[i] = true
			next = append(next, i)
		default:
			b.res[i].Err = fmt.Errorf("%w: %w: %s %v: %s", relay.ErrPermanent, ErrAPI, ue.Code, ue.Field, ue.Message)
		}
	}
	b.pending = next
}
