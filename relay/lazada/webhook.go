package lazada

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/edged/edged/relay"
)

// Push is an LPM message.
type Push struct {
	SellerID    string          `json:"seller_id"`
	MessageType int             `json:"message_type"`
	Data        json.RawMessage `json:"data"`
	Timestamp   int64           `json:"timestamp"`
	Site        string          `json:"site"`
}

// pushData is the data of message types 0 (trade order, with the reverse
// flavour's fields) and 10 (reverse order).
type pushData struct {
	OrderStatus      string      `json:"order_status"`
	TradeOrderID     json.Number `json:"trade_order_id"`
	TradeOrderLineID json.Number `json:"trade_order_line_id"`
	ReverseStatus    string      `json:"reverse_status"`
	StatusUpdateTime int64       `json:"status_update_time"`
}

// ParsePush decodes a push body into an order event. ok is false for
// message types that concern no order stock (product QC, shallow stock,
// ...). The event id is (trade order, line, status), Lazada's own dedupe key.
func ParsePush(body []byte) (ev relay.OrderEvent, ok bool, err error) {
	var p Push
	if err := json.Unmarshal(body, &p); err != nil {
		return ev, false, fmt.Errorf("lazada push: %w", err)
	}
	if p.MessageType != 0 && p.MessageType != 10 {
		return ev, false, nil
	}
	var d pushData
	if err := json.Unmarshal(p.Data, &d); err != nil {
		return ev, false, fmt.Errorf("lazada push type %d: data: %w", p.MessageType, err)
	}
	if d.TradeOrderID == "" {
		return ev, false, fmt.Errorf("lazada push type %d: no trade_order_id", p.MessageType)
	}
	st, status := tradeStatus(d.OrderStatus), d.OrderStatus
	if p.MessageType == 10 {
		st, status = reverseStatus(d.ReverseStatus), d.ReverseStatus
	}
	ev = relay.OrderEvent{Channel: relay.Lazada, OrderID: d.TradeOrderID.String(), Status: st,
		EventID: strconv.Itoa(p.MessageType) + "/" + d.TradeOrderID.String() + "/" + d.TradeOrderLineID.String() + "/" + status}
	return ev, true, nil
}

func reverseStatus(s string) relay.OrderStatus {
	if s == "CANCEL_SUCCESS" {
		return relay.OrderCancelled
	}
	return relay.OrderIgnored // returns restock on the warehouse's confirmation
}

// Handler answers LPM pushes for sink; forged ones get 401.
func (c *Client) Handler(sink relay.OrderSink) http.Handler {
	dec := func(r *http.Request, body []byte) (relay.OrderEvent, bool, error) {
		if !VerifyPush(c.cfg.AppSecret, c.cfg.AppKey, body, r.Header.Get("Authorization")) {
			return relay.OrderEvent{}, false, relay.ErrBadSignature
		}
		return ParsePush(body)
	}
	return relay.WebhookHandler(relay.Lazada, dec, sink, c.log)
}
