package shopify

import "github.com/edged/edged/relay"

// maxSeenWebhooks bounds the webhook ids remembered for expect.
const maxSeenWebhooks = 4096

// expect adjusts the levels we believe Shopify shows after one of its own
// orders: orders/create takes the units out of available, orders/cancelled
// puts them back. With the right changeFromQuantity the next push does not
// go stale, which saves a read and a resend per Shopify sale. A wrong guess
// only costs that round trip. Each webhook id counts once.
func (c *Client) expect(topic, webhookID string, ev relay.OrderEvent) {
	sign := int64(0)
	switch topic {
	case "orders/create":
		sign = -1
	case "orders/cancelled":
		sign = 1
	default:
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen[webhookID] {
		return
	}
	if len(c.seen) >= maxSeenWebhooks {
		clear(c.seen)
	}
	c.seen[webhookID] = true
	for _, l := range ev.Lines {
		for _, key := range c.byVariant[l.Variant] {
			if q, ok := c.known[key]; ok {
				c.known[key] = q + sign*l.Qty
			}
		}
	}
}

// learn indexes a pushed target by its variant for expect.
func (c *Client) learn(t relay.Target) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range c.byVariant[t.Variant] {
		if k == t.Key() {
			return
		}
	}
	c.byVariant[t.Variant] = append(c.byVariant[t.Variant], t.Key())
}
