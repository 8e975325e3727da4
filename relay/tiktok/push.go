package tiktok

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/edged/edged/relay"
)

// maxSKUs is the per-call SKU limit of Update Inventory.
const maxSKUs = 100

type updateBody struct {
	Skus []updateSku `json:"skus"`
}

type updateSku struct {
	ID        string      `json:"id"`
	Inventory []inventory `json:"inventory"`
}

type inventory struct {
	WarehouseID string `json:"warehouse_id,omitempty"`
	Quantity    int64  `json:"quantity"`
}

// skuGroup is one SKU's items (one per warehouse).
type skuGroup struct {
	id    string
	items []relay.Item
}

// Push implements relay.Pusher: one call per product and 100 SKUs, each
// SKU listing every warehouse it is mapped to in this push.
func (c *Client) Push(ctx context.Context, items []relay.Item) []relay.Result {
	var out []relay.Result
	products := map[string][]*skuGroup{}
	var order []string
	for _, it := range items {
		p := it.Target.Item
		if _, ok := products[p]; !ok {
			order = append(order, p)
		}
		products[p] = addToGroup(products[p], it)
	}
	for _, p := range order {
		groups := products[p]
		for len(groups) > 0 {
			n := min(len(groups), maxSKUs)
			out = append(out, c.pushProduct(ctx, p, groups[:n])...)
			groups = groups[n:]
		}
	}
	return out
}

func addToGroup(gs []*skuGroup, it relay.Item) []*skuGroup {
	for _, g := range gs {
		if g.id == it.Target.Variant {
			g.items = append(g.items, it)
			return gs
		}
	}
	return append(gs, &skuGroup{id: it.Target.Variant, items: []relay.Item{it}})
}

func (c *Client) pushProduct(ctx context.Context, product string, groups []*skuGroup) []relay.Result {
	var body updateBody
	var items []relay.Item
	for _, g := range groups {
		s := updateSku{ID: g.id}
		for _, it := range g.items {
			s.Inventory = append(s.Inventory, inventory{WarehouseID: it.Target.Location, Quantity: it.Qty})
		}
		body.Skus = append(body.Skus, s)
		items = append(items, g.items...)
	}
	raw, _ := json.Marshal(body) // strings and ints: cannot fail
	env, err := c.call(ctx, "/product/202309/products/"+product+"/inventory/update", nil, raw)
	if err != nil {
		return relay.Fail(items, err)
	}
	return skuErrors(items, env)
}

// skuErrors reads data.errors of a code-0 answer.
func skuErrors(items []relay.Item, env envelope) []relay.Result {
	var data struct {
		Errors []struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
			Detail  struct {
				SkuID string `json:"sku_id"`
			} `json:"detail"`
		} `json:"errors"`
	}
	_ = json.Unmarshal(env.Data, &data) // absent or empty data: no SKU errors
	bad := map[string]error{}
	for _, e := range data.Errors {
		err := codeError(e.Code, fmt.Sprintf("sku %s: %s", e.Detail.SkuID, e.Message))
		if e.Detail.SkuID == "" { // an error for the whole call
			return relay.Fail(items, err)
		}
		bad[e.Detail.SkuID] = err
	}
	out := make([]relay.Result, len(items))
	for i, it := range items {
		out[i] = relay.Result{Item: it, Err: bad[it.Target.Variant]}
	}
	return out
}
