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
