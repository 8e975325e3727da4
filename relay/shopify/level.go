package shopify

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/edged/edged/relay"
)

const levelQuery = `query Level($item: ID!, $location: ID!) {
  inventoryItem(id: $item) { inventoryLevel(locationId: $location) { quantities(names: ["available"]) { name quantity } } }
}`

// readLevel returns Shopify's available quantity of t.
func (c *Client) readLevel(ctx context.Context, t relay.Target) (int64, error) {
	g, err := c.graphql(ctx, levelQuery, map[string]any{"item": t.Item, "location": t.Location})
	if err != nil {
		return 0, err
	}
	var d struct {
		InventoryItem *struct {
			InventoryLevel *struct {
				Quantities []struct {
					Name     string `json:"name"`
					Quantity int64  `json:"quantity"`
				} `json:"quantities"`
			} `json:"inventoryLevel"`
		} `json:"inventoryItem"`
	}
	if err := json.Unmarshal(g.Data, &d); err != nil {
		return 0, fmt.Errorf("%w: level of %s: %w", relay.ErrUnavailable, t.Item, err)
	}
	if d.InventoryItem == nil || d.InventoryItem.InventoryLevel == nil || len(d.InventoryItem.InventoryLevel.Quantities) == 0 {
		return 0, fmt.Errorf("%w: %w: %s is not stocked at %s; fix the mapping file or stock it in Shopify", relay.ErrPermanent, ErrAPI, t.Item, t.Location)
	}
	return d.InventoryItem.InventoryLevel.Quantities[0].Quantity, nil
}

// knownLevel returns the cached level of t, reading it when unknown.
func (c *Client) knownLevel(ctx context.Context, t relay.Target) (int64, error) {
	c.mu.Lock()
	q, ok := c.known[t.Key()]
	c.mu.Unlock()
	if ok {
		return q, nil
	}
	q, err := c.readLevel(ctx, t)
	if err == nil {
		c.remember(t, q)
	}
	return q, err
}

func (c *Client) remember(t relay.Target, q int64) {
	c.learn(t)
	c.mu.Lock()
	c.known[t.Key()] = q
	c.mu.Unlock()
}

func (c *Client) forget(t relay.Target) {
	c.mu.Lock()
	delete(c.known, t.Key())
	c.mu.Unlock()
}
