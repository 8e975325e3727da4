package stock

import (
	"fmt"
	"strings"

	"github.com/edged/edged/relay"
)

// checkTarget reports every problem with one mapping row.
func checkTarget(t relay.Target) []error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if !t.Channel.Valid() {
		add("column channel: %q is not one of shopify, lazada, shopee, tiktok", t.Channel)
	}
	if t.SKU == "" {
		add("column sku: empty")
	}
	if t.Item == "" {
		add("column item: empty")
	}
	switch t.Channel {
	case relay.Shopify:
		if !strings.HasPrefix(t.Item, "gid://shopify/InventoryItem/") {
			add("column item: shopify needs an inventory item gid (gid://shopify/InventoryItem/…), got %q", t.Item)
		}
		if !strings.HasPrefix(t.Location, "gid://shopify/Location/") {
			add("column location: shopify needs a location gid (gid://shopify/Location/…), got %q", t.Location)
		}
		if t.Variant == "" {
			add("column variant: shopify needs the variant id to match order lines")
		}
	case relay.Lazada:
		if !digits(t.Item) || !digits(t.Variant) {
			add("columns item, variant: lazada needs numeric ItemId and SkuId, got %q, %q", t.Item, t.Variant)
		}
	case relay.Shopee:
		if !digits(t.Item) || !digits(t.Variant) {
			add("columns item, variant: shopee needs numeric item_id and model_id (0 without variants), got %q, %q", t.Item, t.Variant)
		}
	case relay.TikTok:
		if !digits(t.Item) || !digits(t.Variant) {
			add("columns item, variant: tiktok needs numeric product_id and SKU id, got %q, %q", t.Item, t.Variant)
		}
	}
	return errs
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
