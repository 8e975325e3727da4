package shopify

import "fmt"

// casField is the compare-and-set field of the configured API version:
// compareQuantity up to 2025-10, changeFromQuantity from 2026-01.
func (c *Client) casField() string {
	if c.cfg.APIVersion < "2026-01" {
		return "compareQuantity"
	}
	return "changeFromQuantity"
}

// mutation is the inventorySetQuantities operation; versions before
// 2026-01 have no @idempotent directive.
func (c *Client) mutation(key string) string {
	directive := ""
	if c.cfg.APIVersion >= "2026-01" {
		directive = fmt.Sprintf(" @idempotent(key: %q)", key)
	}
	return `mutation SetAvailable($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input)` + directive + ` { userErrors { code field message } }
}`
}

// variables builds the input for the pending items, in pending order.
func (c *Client) variables(b *batch, key string) map[string]any {
	qs := make([]map[string]any, 0, len(b.pending))
	for _, i := range b.pending {
		it := b.res[i].Item
		c.mu.Lock()
		from := c.known[it.Target.Key()]
		c.mu.Unlock()
		qs = append(qs, map[string]any{"inventoryItemId": it.Target.Item, "locationId": it.Target.Location,
			"quantity": it.Qty, c.casField(): from})
	}
	return map[string]any{"input": map[string]any{"name": "available", "reason": c.cfg.Reason,
		"referenceDocumentUri": "gid://edged-relay/StockPush/" + key, "quantities": qs}}
}
