package tiktok

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/edged/edged/relay"
)

// Webhook is a TikTok Shop notification.
type Webhook struct {
	Type           int             `json:"type"`
	NotificationID string          `json:"tts_notification_id"`
	ShopID         string          `json:"shop_id"`
	Timestamp      int64           `json:"timestamp"`
	Data           json.RawMessage `json:"data"`
}

type webhookData struct {
	OrderID      string `json:"order_id"`
	OrderStatus  string `json:"order_status"`
	CancelStatus string `json:"cancel_status"`
	// Type 27 (INVENTORY_STATUS_CHANGE).
	ProductID    string `json:"product_id"`
	SkuID        string `json:"sku_id"`
	Distribution *struct {
		Campaign int64 `json:"campaign_reserved_quantity"`
		Creator  int64 `json:"creator_reserved_quantity"`
	} `json:"inventory_distribution"`
}

// ParseWebhook decodes a notification. ok is false for types that concern
// no stock. Types 1 (order status) and 11 (cancellation) are mapped; 12
// (returns) changes nothing: the warehouse confirms returns; 27 (inventory
// status) reports the campaign and creator reservations as a lock.
func ParseWebhook(body []byte) (ev relay.OrderEvent, ok bool, err error) {
	var w Webhook
	if err := json.Unmarshal(body, &w); err != nil {
		return ev, false, fmt.Errorf("tiktok webhook: %w", err)
	}
	if w.Type != 1 && w.Type != 11 && w.Type != 12 && w.Type != 27 {
		return ev, false, nil
	}
	var d webhookData
	if err := json.Unmarshal(w.Data, &d); err != nil {
		return ev, false, fmt.Errorf("tiktok webhook type %d: data: %w", w.Type, err)
	}
	if w.Type == 27 {
		return parseLock(w, d)
	}
	if w.NotificationID == "" || d.OrderID == "" {
		return ev, false, fmt.Errorf("tiktok webhook type %d: tts_notification_id and data.order_id are required", w.Type)
	}
	ev = relay.OrderEvent{Channel: relay.TikTok, EventID: w.NotificationID, OrderID: d.OrderID}
	switch w.Type {
	case 1:
		ev.Status = orderStatus(d.OrderStatus)
	case 11:
		if d.CancelStatus == "CANCELLATION_REQUEST_SUCCESS" || d.CancelStatus == "CANCELLATION_REQUEST_COMPLETE" {
			ev.Status = relay.OrderCancelled
		}
	}
	return ev, true, nil
}

// Handler answers webhooks for sink; forged ones get 401.
func (c *Client) Handler(sink relay.OrderSink) http.Handler {
	dec := func(r *http.Request, body []byte) (relay.OrderEvent, bool, error) {
		if !VerifyWebhook(c.cfg.AppSecret, c.cfg.AppKey, body, r.Header.Get("Authorization")) {
			return relay.OrderEvent{}, false, relay.ErrBadSignature
		}
		return ParseWebhook(body)
	}
	return relay.WebhookHandler(relay.TikTok, dec, sink, c.log)
}

func parseLock(w Webhook, d webhookData) (relay.OrderEvent, bool, error) {
	if w.NotificationID == "" || d.SkuID == "" || d.Distribution == nil {
		return relay.OrderEvent{}, false, fmt.Errorf("tiktok webhook type 27: tts_notification_id, data.sku_id and inventory_distribution are required")
	}
	q := d.Distribution.Campaign + d.Distribution.Creator
	if q < 0 {
		return relay.OrderEvent{}, false, fmt.Errorf("tiktok webhook type 27: negative reservation %d", q)
	}
	return relay.OrderEvent{Channel: relay.TikTok, EventID: w.NotificationID,
		Lock: &relay.OrderLine{Item: d.ProductID, Variant: d.SkuID, Qty: q}}, true, nil
}
