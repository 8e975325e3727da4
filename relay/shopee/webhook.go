package shopee

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/edged/edged/relay"
)

// PushMessage is a Shopee push.
type PushMessage struct {
	Code      int             `json:"code"`
	ShopID    int64           `json:"shop_id"`
	Timestamp int64           `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

// ParsePush decodes a push. ok is false for codes other than 3 (order
// status); the event id is (ordersn, status, update_time).
func ParsePush(body []byte) (ev relay.OrderEvent, ok bool, err error) {
	var p PushMessage
	if err := json.Unmarshal(body, &p); err != nil {
		return ev, false, fmt.Errorf("shopee push: %w", err)
	}
	if p.Code != 3 {
		return ev, false, nil
	}
	var d struct {
		OrderSN    string `json:"ordersn"`
		Status     string `json:"status"`
		UpdateTime int64  `json:"update_time"`
	}
	if err := json.Unmarshal(p.Data, &d); err != nil {
		return ev, false, fmt.Errorf("shopee push code 3: data: %w", err)
	}
	if d.OrderSN == "" || d.Status == "" {
		return ev, false, fmt.Errorf("shopee push code 3: ordersn and status are required")
	}
	return relay.OrderEvent{Channel: relay.Shopee, OrderID: d.OrderSN, Status: orderStatus(d.Status),
		EventID: fmt.Sprintf("%s/%s/%d", d.OrderSN, d.Status, d.UpdateTime)}, true, nil
}

// StockPush reports whether a push says promotion stock changed (7 Item
// Promotion, 8 Reserved Stock Change, 9 Promotion Update), with the
// item it names if any ("" means every item must be read again).
func StockPush(body []byte) (item string, ok bool) {
	var p struct {
		Code int `json:"code"`
		Data struct {
			ItemID json.Number `json:"item_id"`
		} `json:"data"`
	}
	if json.Unmarshal(body, &p) != nil || p.Code < 7 || p.Code > 9 {
		return "", false
	}
	return p.Data.ItemID.String(), true
}

// Handler answers pushes for sink (2xx with an empty body); forged ones get
// 401. The signature covers Config.CallbackURL, which must be set.
func (c *Client) Handler(sink relay.OrderSink) http.Handler {
	dec := func(r *http.Request, body []byte) (relay.OrderEvent, bool, error) {
		if !VerifyPush(c.cfg.PartnerKey, c.cfg.CallbackURL, body, r.Header.Get("Authorization")) {
			return relay.OrderEvent{}, false, relay.ErrBadSignature
		}
		if item, ok := StockPush(body); ok {
			c.lockWatcher().Notify(item)
		}
		return ParsePush(body)
	}
	return relay.WebhookHandler(relay.Shopee, dec, sink, c.log)
}
