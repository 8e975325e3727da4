package lazada

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/edged/edged/relay"
)

// PathOrderItems is the API path of GetOrderItems.
const PathOrderItems = "/order/items/get"

// orderItem is one unit of an order as GetOrderItems returns it.
type orderItem struct {
	OrderItemID json.Number `json:"order_item_id"`
	SkuID       string      `json:"sku_id"`
	Sku         string      `json:"sku"`
	Status      string      `json:"status"`
}

// FetchOrder implements stock.OrderFetcher with GetOrderItems: each item is
// one unit; cancelled items are left out.
func (c *Client) FetchOrder(ctx context.Context, orderID string) (relay.OrderEvent, error) {
	env, err := c.call(ctx, http.MethodGet, PathOrderItems, map[string]string{"order_id": orderID})
	if err != nil {
		return relay.OrderEvent{}, fmt.Errorf("lazada: order %s: %w", orderID, err)
	}
	if env.Code != "0" {
		return relay.OrderEvent{}, fmt.Errorf("lazada: order %s: %w", orderID, codeError(env))
	}
	var items []orderItem
	if err := json.Unmarshal(env.Data, &items); err != nil {
		return relay.OrderEvent{}, fmt.Errorf("lazada: order %s: %w: undecodable items: %w", orderID, ErrAPI, err)
	}
	ev := relay.OrderEvent{Channel: relay.Lazada, OrderID: orderID}
	cancelled := 0
	for _, it := range items {
		switch tradeStatus(it.Status) {
		case relay.OrderOpen:
			ev.Lines = append(ev.Lines, relay.OrderLine{Variant: it.SkuID, Qty: 1})
		case relay.OrderCancelled:
			cancelled++
		}
	}
	switch {
	case len(ev.Lines) > 0:
		ev.Status = relay.OrderOpen
	case cancelled > 0 && cancelled == len(items):
		ev.Status = relay.OrderCancelled
	}
	return ev, nil
}

// tradeStatus maps a trade order status: open until shipped, when the
// warehouse pick has released the reservation.
func tradeStatus(s string) relay.OrderStatus {
	switch s {
	case "unpaid", "pending", "packed", "ready_to_ship", "repacked", "topack", "toship":
		return relay.OrderOpen
	case "canceled", "cancelled":
		return relay.OrderCancelled
	}
	return relay.OrderIgnored
}
