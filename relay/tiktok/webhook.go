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
}

// ParseWebhook decodes a notification. ok is false for types that concern
// no order stock. Types 1 (order status) and 11 (cancellation) are mapped;
// 12 (returns) changes nothing: the warehouse confirms returns.
func ParseWebhook(body []byte) (ev relay.OrderEvent, ok bool, err error) {
	var w Webhook
	if err := json.Unmarshal(body, &w); err != nil {
		return ev, false, fmt.Errorf("tiktok webhook: %w", err)
	}
	if w.Type != 1 && w.Type != 11 && w.Type != 12 {
		return ev, false, nil
	}
	var d webhookData
	if err := json.Unmarshal(w.Data, &d); err != nil {
		return ev, false, fmt.Errorf("tiktok webhook type %d: data: %w", w.Type, err)
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
