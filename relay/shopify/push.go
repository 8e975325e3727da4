package shopify

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/edged/edged/relay"
)

// maxRounds bounds how often one batch is resent after stale compares or
// per-item rejections.
const maxRounds = 4

// Push implements relay.Pusher in batches of Config.BatchSize.
func (c *Client) Push(ctx context.Context, items []relay.Item) []relay.Result {
	var out []relay.Result
	for len(items) > 0 {
		n := min(len(items), c.cfg.BatchSize)
		out = append(out, c.pushBatch(ctx, items[:n])...)
		items = items[n:]
	}
	return out
}

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

type userError struct {
	Code    string   `json:"code"`
	Field   []string `json:"field"`
	Message string   `json:"message"`
}

func (u userError) stale() bool {
	return u.Code == "CHANGE_FROM_QUANTITY_STALE" || u.Code == "COMPARE_QUANTITY_STALE"
}

// index is the quantities[] position a userError names, or -1.
func (u userError) index() int {
	for i, f := range u.Field {
		if f == "quantities" && i+1 < len(u.Field) {
			if n, err := strconv.Atoi(u.Field[i+1]); err == nil {
				return n
			}
		}
	}
	return -1
}

// setOnce sends one mutation with a fresh key, resending it with the same
// key while the failure is transient. It returns userErrors by position.
func (c *Client) setOnce(ctx context.Context, b *batch) (map[int]userError, error) {
	key := newKey()
	vars := c.variables(b, key)
	var last error
	for attempt := range 3 {
		bad, err := c.mutate(ctx, key, vars)
		if err == nil || !relay.Retryable(err) {
			return bad, err
		}
		last = err
		if !sleep(ctx, max(relay.RetryDelay(err), time.Duration(50<<attempt)*time.Millisecond)) {
			return nil, ctx.Err()
		}
	}
	return nil, last
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func (c *Client) mutate(ctx context.Context, key string, vars map[string]any) (map[int]userError, error) {
	g, err := c.graphql(ctx, c.mutation(key), vars)
	if err != nil {
		return nil, err
	}
	var d struct {
		Set *struct {
			UserErrors []userError `json:"userErrors"`
		} `json:"inventorySetQuantities"`
	}
	if err := json.Unmarshal(g.Data, &d); err != nil || d.Set == nil {
		return nil, fmt.Errorf("%w: no inventorySetQuantities payload (%v)", relay.ErrUnavailable, err)
	}
	bad := map[int]userError{}
	for _, ue := range d.Set.UserErrors {
		if ue.Code == "IDEMPOTENCY_CONCURRENT_REQUEST" {
			return nil, &relay.RetryAfterError{After: 100 * time.Millisecond, Err: fmt.Errorf("%w: %w: %s", relay.ErrUnavailable, ErrAPI, ue.Code)}
		}
		if ue.index() < 0 {
			return nil, fmt.Errorf("%w: %w: %s %v: %s", relay.ErrPermanent, ErrAPI, ue.Code, ue.Field, ue.Message)
		}
		bad[ue.index()] = ue
	}
	return bad, nil
}
