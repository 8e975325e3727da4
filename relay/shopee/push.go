package shopee

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/edged/edged/relay"
)

// PathUpdateStock is the stock update API.
const PathUpdateStock = "/api/v2/product/update_stock"

type stockEntry struct {
	ModelID     int64         `json:"model_id"`
	SellerStock []sellerStock `json:"seller_stock"`
}

type sellerStock struct {
	LocationID string `json:"location_id,omitempty"`
	Stock      int64  `json:"stock"`
}

// Push implements relay.Pusher: one call per item, 50 models each.
func (c *Client) Push(ctx context.Context, items []relay.Item) []relay.Result {
	byItem := map[string][]relay.Item{}
	var order []string
	for _, it := range items {
		if _, ok := byItem[it.Target.Item]; !ok {
			order = append(order, it.Target.Item)
		}
		byItem[it.Target.Item] = append(byItem[it.Target.Item], it)
	}
	var out []relay.Result
	for _, id := range order {
		group := byItem[id]
		for len(group) > 0 {
			n := min(len(group), 50)
			out = append(out, c.pushItem(ctx, id, group[:n])...)
			group = group[n:]
		}
	}
	return out
}

func (c *Client) pushItem(ctx context.Context, itemID string, items []relay.Item) []relay.Result {
	id, err := strconv.ParseInt(itemID, 10, 64)
	if err != nil {
		return relay.Fail(items, fmt.Errorf("%w: item_id %q is not a number; fix the mapping file", relay.ErrPermanent, itemID))
	}
	body := map[string]any{"item_id": id, "stock_list": stockList(items)}
	a, err := c.call(ctx, PathUpdateStock, nil, body)
	if err != nil {
		if lockRefusal(err.Error()) {
			c.lockWatcher().Notify(itemID)
		}
		return relay.Fail(items, err)
	}
	res := failures(items, a)
	for _, r := range res {
		if r.Err != nil && lockRefusal(r.Err.Error()) {
			c.lockWatcher().Notify(itemID)
			break
		}
	}
	return res
}

// stockList builds one entry per model; models mapped at several locations
// share an entry.
func stockList(items []relay.Item) []stockEntry {
	var out []stockEntry
	idx := map[int64]int{}
	for _, it := range items {
		m, _ := strconv.ParseInt(it.Target.Variant, 10, 64) // checked by the mapping parser
		ss := sellerStock{LocationID: it.Target.Location, Stock: it.Qty}
		if i, ok := idx[m]; ok {
			out[i].SellerStock = append(out[i].SellerStock, ss)
			continue
		}
		idx[m] = len(out)
		out = append(out, stockEntry{ModelID: m, SellerStock: []sellerStock{ss}})
	}
	return out
}

// failures reads response.failure_list.
func failures(items []relay.Item, a answer) []relay.Result {
	var r struct {
		FailureList []struct {
			ModelID      int64  `json:"model_id"`
			FailedReason string `json:"failed_reason"`
		} `json:"failure_list"`
	}
	_ = json.Unmarshal(a.Response, &r) // absent response: no failures listed
	bad := map[string]string{}
	for _, f := range r.FailureList {
		bad[strconv.FormatInt(f.ModelID, 10)] = f.FailedReason
	}
	out := make([]relay.Result, len(items))
	for i, it := range items {
		out[i].Item = it
		if why, ok := bad[it.Target.Variant]; ok {
			out[i].Err = fmt.Errorf("%w: %w: item %s model %s: %s", relay.ErrPermanent, ErrAPI, it.Target.Item, it.Target.Variant, why)
		}
	}
	return out
}
