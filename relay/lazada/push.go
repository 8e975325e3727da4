package lazada

import (
	"context"
	"fmt"
	"net/http"

	"github.com/edged/edged/relay"
)

// PathSellableUpdate is the API path of UpdateSellableQuantity.
const PathSellableUpdate = "/product/stock/sellable/update"

// Push implements relay.Pusher: batches of Config.BatchSize SKUs.
func (c *Client) Push(ctx context.Context, items []relay.Item) []relay.Result {
	var out []relay.Result
	for len(items) > 0 {
		n := min(len(items), c.cfg.BatchSize)
		out = append(out, c.pushBatch(ctx, items[:n])...)
		items = items[n:]
	}
	return out
}

func (c *Client) pushBatch(ctx context.Context, items []relay.Item) []relay.Result {
	env, err := c.call(ctx, http.MethodPost, PathSellableUpdate, map[string]string{"payload": payload(items)})
	if err != nil {
		return relay.Fail(items, err)
	}
	if env.Code == "0" {
		return relay.Fail(items, nil)
	}
	if env.Code != "501" || len(env.Detail) == 0 {
		return relay.Fail(items, codeError(env))
	}
	return perSKU(items, env)
}

// perSKU maps a 501's detail entries to the SKUs they name; SKUs not named
// were updated.
func perSKU(items []relay.Item, env envelope) []relay.Result {
	bad := map[string]string{}
	for _, d := range env.Detail {
		bad[d.SellerSku] = d.Code + " " + d.Message
		bad[d.SkuID] = d.Code + " " + d.Message
	}
	out := make([]relay.Result, len(items))
	named := 0
	for i, it := range items {
		out[i].Item = it
		msg, ok := bad[it.Target.Variant]
		if !ok && it.Target.SellerSKU != "" {
			msg, ok = bad[it.Target.SellerSKU]
		}
		if ok {
			named++
			out[i].Err = fmt.Errorf("%w: %w: sku %s: %s", relay.ErrPermanent, ErrAPI, it.Target.Variant, msg)
		}
	}
	if named == 0 { // the details name none of ours: trust nothing in the batch
		return relay.Fail(items, codeError(env))
	}
	return out
}
