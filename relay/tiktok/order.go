package tiktok

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/edged/edged/relay"
)

// FetchOrder implements stock.OrderFetcher with Get Order Detail
// (GET /order/202507/orders?ids=…); each line item is one unit.
func (c *Client) FetchOrder(ctx context.Context, orderID string) (relay.OrderEvent, error) {
	env, err := c.call(ctx, "/order/202507/orders", url.Values{"ids": {orderID}}, nil)
	if err != nil {
		return relay.OrderEvent{}, fmt.Errorf("tiktok: order %s: %w", orderID, err)
	}
	var data struct {
		Orders []struct {
			ID        string `json:"id"`
			Status    string `json:"status"`
			LineItems []struct {
				SkuID     string `json:"sku_id"`
				ProductID string `json:"product_id"`
			} `json:"line_items"`
		} `json:"orders"`
	}
	if err := json.Unmarshal(env.Data, &data); err != nil || len(data.Orders) != 1 {
		return relay.OrderEvent{}, fmt.Errorf("tiktok: order %s: %w: want one order in data.orders (%v)", orderID, ErrAPI, err)
	}
	o := data.Orders[0]
	ev := relay.OrderEvent{Channel: relay.TikTok, OrderID: orderID, Status: orderStatus(o.Status)}
	for _, li := range o.LineItems {
		ev.Lines = append(ev.Lines, relay.OrderLine{Item: li.ProductID, Variant: li.SkuID, Qty: 1})
	}
	return ev, nil
}

// orderStatus maps webhook and Order API statuses (CANCEL and CANCELLED).
func orderStatus(s string) relay.OrderStatus {
	switch s {
	case "UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION", "PARTIALLY_SHIPPING":
		return relay.OrderOpen
	case "CANCEL", "CANCELLED":
		return relay.OrderCancelled
	}
	return relay.OrderIgnored
}
