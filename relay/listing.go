package relay

import (
	"context"
	"time"
)

// Listing is one sellable listing as a channel reports it: what a mapping
// row needs besides our SKU and site. Identifiers are the ones the
// mapping file uses (see Target): Shopify Item is the InventoryItem GID,
// Variant the numeric variant id and Location the Location GID; Lazada
// ItemId, SkuId and WarehouseCode; Shopee item_id, model_id ("0" without
// variants) and location_id; TikTok product_id, SKU id and warehouse_id.
// A listing stocked at several locations is one Listing per location.
type Listing struct {
	Channel Channel `json:"channel"`
	// SellerSKU is the seller's own code for the listing (Shopify sku,
	// Lazada SellerSku, Shopee model_sku or item_sku, TikTok seller_sku),
	// trimmed; empty when the seller gave none.
	SellerSKU string `json:"seller_sku"`
	Item      string `json:"item"`
	Variant   string `json:"variant,omitempty"`
	Location  string `json:"location,omitempty"`
	// Title is the product's name, for reports only.
	Title string `json:"title,omitempty"`
}

// Target is the mapping row that maps sku at site to l.
func (l Listing) Target(sku, site string) Target {
	return Target{Channel: l.Channel, SKU: sku, Site: site, Item: l.Item, Variant: l.Variant,
		Location: l.Location, SellerSKU: l.SellerSKU}
}

// ListingReader reads every listing of one channel account, following the
// channel's pagination and waiting on the client's rate limiter.
type ListingReader interface {
	Listings(ctx context.Context) ([]Listing, error)
}

// readAttempts bounds Retry: enough to ride out a throttled minute.
const readAttempts = 8

// Retry calls fn until it succeeds, fails with an error that is not
// Retryable, ctx ends, or 8 attempts failed. Between attempts it waits
// the delay the server asked for (RetryDelay), else a backoff doubling
// from 100 ms to at most 5 s. It is how listing readers, which have no
// dispatcher to retry for them, ride out throttling.
func Retry(ctx context.Context, fn func() error) error {
	wait := 100 * time.Millisecond
	var err error
	for range readAttempts {
		if err = fn(); !Retryable(err) {
			return err
		}
		d := RetryDelay(err)
		if d <= 0 {
			d = wait
		}
		wait = min(2*wait, 5*time.Second)
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	return err
}
