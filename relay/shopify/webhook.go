package shopify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/edged/edged/relay"
)

// WebhookSignature is the base64 HMAC-SHA256 of body keyed with the app's
// client secret (X-Shopify-Hmac-Sha256).
func WebhookSignature(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// VerifyWebhook checks the header in constant time after decoding it; an
// empty body or a digest that is not 32 bytes fails.
func VerifyWebhook(secret string, body []byte, header string) bool {
	got, err := base64.StdEncoding.DecodeString(strings.TrimSpace(header))
	if err != nil || len(got) != sha256.Size || len(body) == 0 {
		return false
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return hmac.Equal(got, m.Sum(nil))
}

// order is the part of the REST order resource stock needs.
type order struct {
	ID          json.Number `json:"id"`
	CancelledAt *string     `json:"cancelled_at"`
	LineItems   []struct {
		VariantID json.Number `json:"variant_id"`
		Quantity  int64       `json:"quantity"`
	} `json:"line_items"`
}

// ParseWebhook decodes an orders/* webhook. ok is false for other topics;
// refunds change nothing (a return restocks on the warehouse's confirmation).
func ParseWebhook(topic, webhookID string, body []byte) (ev relay.OrderEvent, ok bool, err error) {
	if !strings.HasPrefix(topic, "orders/") {
		return ev, false, nil
	}
	if webhookID == "" {
		return ev, false, fmt.Errorf("shopify webhook %s: X-Shopify-Webhook-Id is missing", topic)
	}
	var o order
	if err := json.Unmarshal(body, &o); err != nil {
		return ev, false, fmt.Errorf("shopify webhook %s: %w", topic, err)
	}
	if o.ID == "" {
		return ev, false, fmt.Errorf("shopify webhook %s: order id is missing", topic)
	}
	ev = relay.OrderEvent{Channel: relay.Shopify, EventID: webhookID, OrderID: o.ID.String(), Status: topicStatus(topic, o)}
	for _, li := range o.LineItems {
		ev.Lines = append(ev.Lines, relay.OrderLine{Variant: li.VariantID.String(), Qty: li.Quantity})
	}
	if ev.Status == relay.OrderOpen && len(ev.Lines) == 0 {
		return ev, false, fmt.Errorf("shopify webhook %s: order %s has no line_items", topic, o.ID)
	}
	return ev, true, nil
}

func topicStatus(topic string, o order) relay.OrderStatus {
	switch {
	case topic == "orders/cancelled" || o.CancelledAt != nil && *o.CancelledAt != "":
		return relay.OrderCancelled
	case topic == "orders/create" || topic == "orders/paid" || topic == "orders/updated":
		return relay.OrderOpen
	}
	return relay.OrderIgnored
}

// Handler answers webhooks for sink; forged ones get 401.
func (c *Client) Handler(sink relay.OrderSink) http.Handler {
	dec := func(r *http.Request, body []byte) (relay.OrderEvent, bool, error) {
		if !VerifyWebhook(c.cfg.ClientSecret, body, r.Header.Get("X-Shopify-Hmac-Sha256")) {
			return relay.OrderEvent{}, false, relay.ErrBadSignature
		}
		topic, id := r.Header.Get("X-Shopify-Topic"), r.Header.Get("X-Shopify-Webhook-Id")
		ev, ok, err := ParseWebhook(topic, id, body)
		if ok && err == nil {
			c.expect(topic, id, ev)
		}
		return ev, ok, err
	}
	return relay.WebhookHandler(relay.Shopify, dec, sink, c.log)
}
