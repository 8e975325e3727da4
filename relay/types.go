package relay

import (
	"context"
	"time"
)

// Channel names a marketplace.
type Channel string

// The channels the relay pushes to.
const (
	Shopify Channel = "shopify"
	Lazada  Channel = "lazada"
	Shopee  Channel = "shopee"
	TikTok  Channel = "tiktok"
)

// Channels lists every supported channel in a stable order.
func Channels() []Channel { return []Channel{Shopify, Lazada, Shopee, TikTok} }

// Valid reports whether c is a supported channel.
func (c Channel) Valid() bool {
	switch c {
	case Shopify, Lazada, Shopee, TikTok:
		return true
	}
	return false
}

// Target is one row of the mapping file: where a SKU at a site lives on a
// channel. Which fields a channel needs is checked by the mapping parser:
//   - Shopify: Item = InventoryItem GID, Location = Location GID,
//     Variant = variant id (used to match order lines).
//   - Lazada: Item = ItemId, Variant = SkuId, SellerSKU = SellerSku,
//     Location = WarehouseCode for multi-warehouse sellers.
//   - Shopee: Item = item_id, Variant = model_id ("0" without variants),
//     Location = location_id for multi-warehouse shops.
//   - TikTok: Item = product_id, Variant = SKU id, Location = warehouse_id.
type Target struct {
	Channel   Channel
	SKU       string
	Site      string
	Item      string
	Variant   string
	Location  string
	SellerSKU string
}

// Key identifies the target's listing on its channel; pushes coalesce by it.
func (t Target) Key() string {
	return string(t.Channel) + "|" + t.Item + "|" + t.Variant + "|" + t.Location
}

// Item is a quantity to set on one channel listing.
type Item struct {
	Target Target
	// Qty is the available-to-sell quantity to set, never negative.
	Qty int64
	// Changed is when the stock change that produced Qty was accepted; the
	// dispatcher measures push lag from it.
	Changed time.Time
	// Gen is the generation of the listing's quantity in the relay's
	// outbox (0: not from the outbox); a confirmed push marks that
	// generation told, so a newer one stays pending.
	Gen uint64
}

// Result is the outcome of pushing one item.
type Result struct {
	Item Item
	// Err is nil on success; see ErrPermanent and RetryAfterError.
	Err error
}

// Pusher sets quantities on one channel. Push returns one Result per item,
// in any order; it batches as the channel allows and waits on its own rate
// limiter. It must honour ctx.
type Pusher interface {
	Push(ctx context.Context, items []Item) []Result
}

// OrderStatus is a channel order status reduced to what stock needs.
type OrderStatus int

// Order statuses. Returns are not a status: a returned unit is restocked
// only when the warehouse confirms it with a delta.
const (
	// OrderIgnored is a status that changes nothing (shipped, delivered,
	// return requested): the warehouse pick releases the reservation.
	OrderIgnored OrderStatus = iota
	// OrderOpen is an accepted order (unpaid holds included): reserve.
	OrderOpen
	// OrderCancelled releases whatever the order still reserves.
	OrderCancelled
)

// OrderLine is one SKU on an order, as the channel names it.
type OrderLine struct {
	// Item and Variant are channel identifiers matched against the mapping
	// file's item and variant columns.
	Item    string
	Variant string
	Qty     int64
}

// OrderEvent is a webhook or push reduced to stock terms.
type OrderEvent struct {
	Channel Channel
	// EventID is the delivery's idempotency key (Shopify X-Shopify-Webhook-Id,
	// TikTok tts_notification_id, ...); a repeated EventID is ignored.
	EventID string
	OrderID string
	Status  OrderStatus
	// Lines may be empty when the notification carries only a status; the
	// core then fetches the order with the channel's OrderFetcher.
	Lines []OrderLine
	// Lock, when set, makes this a campaign-lock notification instead of
	// an order (OrderID and Status are then unused): the channel now holds
	// Lock.Qty units of the listing for a campaign or creator.
	Lock *OrderLine
	// Revision, when set, is the channel's version of the order (Shopify's
	// updated_at): Lines are then the order's whole current content, and
	// an open order seen again at a revision not older than the last one
	// has its reservations moved to it (an order edit). Without it a
	// repeated open changes nothing.
	Revision int64
}
