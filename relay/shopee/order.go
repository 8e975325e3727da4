package shopee

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"

	"github.com/edged/edged/relay"
)

// PathOrderDetail is the order detail API.
const PathOrderDetail = "/api/v2/order/get_order_detail"

// FetchOrder implements stock.OrderFetcher with get_order_detail.
func (c *Client) FetchOrder(ctx context.Context, orderSN string) (relay.OrderEvent, error) {
	q := url.Values{"order_sn_list": {orderSN}, "response_optional_fields": {"item_list"}}
	a, err := c.call(ctx, PathOrderDetail, q, nil)
	if err != nil {
		return relay.OrderEvent{}, fmt.Errorf("shopee: order %s: %w", orderSN, err)
	}
	var r struct {
		OrderList []struct {
			OrderSN     string `json:"order_sn"`
			OrderStatus string `json:"order_status"`
			ItemList    []struct {
				ItemID   int64 `json:"item_id"`
				ModelID  int64 `json:"model_id"`
				Quantity int64 `json:"model_quantity_purchased"`
			} `json:"item_list"`
		} `json:"order_list"`
	}
	if err := json.Unmarshal(a.Response, &r); err != nil || len(r.OrderList) != 1 {
		return relay.OrderEvent{}, fmt.Errorf("shopee: order %s: %w: want one order in order_list (%v)", orderSN, ErrAPI, err)
	}
	o := r.OrderList[0]
	ev := relay.OrderEvent{Channel: relay.Shopee, OrderID: orderSN, Status: orderStatus(o.OrderStatus)}
	for _, li := range o.ItemList {
		ev.Lines = append(ev.Lines, relay.OrderLine{Item: strconv.FormatInt(li.ItemID, 10), Variant: strconv.FormatInt(li.ModelID, 10), Qty: li.Quantity})
	}
	return ev, nil
}

// orderStatus maps Shopee order statuses; IN_CANCEL still holds stock.
func orderStatus(s string) relay.OrderStatus {
	switch s {
	case "UNPAID", "READY_TO_SHIP", "PROCESSED", "RETRY_SHIP", "IN_CANCEL", "INVOICE_PENDING", "PENDING":
		return relay.OrderOpen
	case "CANCELLED":
		return relay.OrderCancelled
	}
	return relay.OrderIgnored
}
