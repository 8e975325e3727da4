package shopify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

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
	UpdatedAt   string      `json:"updated_at"`
	LineItems   []struct {
		VariantID json.Number `json:"variant_id"`
		Quantity  int64       `json:"quantity"`
		// CurrentQuantity (API 2024-01 and later) is the quantity after
		// order edits and refunds removed units; quantity is as ordered.
		CurrentQuantity *int64 `json:"current_quantity"`
	} `json:"line_items"`
}

// Webhook is one delivery: the X-Shopify-Topic, X-Shopify-Webhook-Id and
// X-Shopify-Triggered-At headers and the raw body.
type Webhook struct {
	Topic, ID, TriggeredAt string
	Body                   []byte
}

// ParseWebhook decodes an orders/* webhook. ok is false for other topics;
// refunds change nothing (a return restocks on the warehouse's
// confirmation). An open order carries its revision, so that an edited
// order (orders/updated after orders/edited) moves its reservations.
func ParseWebhook(w Webhook) (ev relay.OrderEvent, ok bool, err error) {
	if !strings.HasPrefix(w.Topic, "orders/") || w.Topic == "orders/edited" {
		return ev, false, nil // an edit is applied from the orders/updated that follows it
	}
	if w.ID == "" {
		return ev, false, fmt.Errorf("shopify webhook %s: X-Shopify-Webhook-Id is missing", w.Topic)
	}
	var o order
	if err := json.Unmarshal(w.Body, &o); err != nil {
		return ev, false, fmt.Errorf("shopify webhook %s: %w", w.Topic, err)
	}
	if o.ID == "" {
		return ev, false, fmt.Errorf("shopify webhook %s: order id is missing", w.Topic)
	}
	ev = relay.OrderEvent{Channel: relay.Shopify, EventID: w.ID, OrderID: o.ID.String(), Status: topicStatus(w.Topic, o)}
	for _, li := range o.LineItems {
		qty := li.Quantity
		if li.CurrentQuantity != nil {
			qty = *li.CurrentQuantity
		}
		ev.Lines = append(ev.Lines, relay.OrderLine{Variant: li.VariantID.String(), Qty: qty})
	}
	if ev.Status == relay.OrderOpen && len(ev.Lines) == 0 {
		return ev, false, fmt.Errorf("shopify webhook %s: order %s has no line_items", w.Topic, o.ID)
	}
	if ev.Status == relay.OrderOpen {
		ev.Revision, err = revision(w.TriggeredAt, o.UpdatedAt)
	}
	return ev, err == nil, err
}

// revision orders the deliveries of one order: X-Shopify-Triggered-At
// (nanoseconds) when present, else the order's updated_at (seconds), else
// none.
func revision(triggeredAt, updatedAt string) (int64, error) {
	for _, v := range []struct{ name, at string }{{"X-Shopify-Triggered-At", triggeredAt}, {"updated_at", updatedAt}} {
		if v.at == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, v.at)
		if err != nil {
			return 0, fmt.Errorf("shopify webhook: %s %q is not an RFC 3339 time", v.name, v.at)
		}
		return t.UnixNano(), nil
	}
	return 0, nil
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
		w := Webhook{Topic: r.Header.Get("X-Shopify-Topic"), ID: r.Header.Get("X-Shopify-Webhook-Id"),
			TriggeredAt: r.Header.Get("X-Shopify-Triggered-At"), Body: body}
		ev, ok, err := ParseWebhook(w)
		if ok && err == nil {
			c.expect(w.Topic, w.ID, ev)
		}
		return ev, ok, err
	}
	return relay.WebhookHandler(relay.Shopify, dec, sink, c.log)
}
