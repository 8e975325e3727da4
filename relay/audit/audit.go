package audit

import (
	"context"
	"time"
)

// Kinds of row besides the ledger's event types (receive, sale, pick,
// adjust, count, transfer, ..., recorded under the gateway's own name).
const (
	KindOrder  = "order"  // an order reserved units
	KindCancel = "cancel" // an order was cancelled; its units are free
	KindEdit   = "edit"   // an order's lines changed
	KindLock   = "lock"   // a channel holds units for a campaign
	KindPush   = "push"   // a quantity was sent to a channel
)

// Source says where a row came from.
const (
	FromGateway = "gateway"
	FromChannel = "channel"
	FromRelay   = "relay"
)

// Row is one audited fact: who did what, when, where.
type Row struct {
	// ID orders rows as the store recorded them (newest highest); it is
	// the paging cursor.
	ID     uint64 `json:"id"`
	Source string `json:"source"`
	Kind   string `json:"kind"`
	SKU    string `json:"sku"`
	Site   string `json:"site,omitempty"`
	// Location and ToLocation are the warehouse bins of a ledger event.
	Location   string `json:"location,omitempty"`
	ToLocation string `json:"to_location,omitempty"`
	// Qty is the event's signed change of on hand, an order line's
	// units, a lock's units or the quantity pushed.
	Qty int64 `json:"qty"`
	// Worker and Device are who scanned and on what (ledger events).
	Worker string `json:"worker,omitempty"`
	Device string `json:"device,omitempty"`
	// Gateway is the gateway that recorded a ledger event, EventID its id
	// there (or the channel's delivery id), Seq its ledger sequence.
	Gateway string `json:"gateway,omitempty"`
	EventID string `json:"event_id,omitempty"`
	Seq     uint64 `json:"seq,omitempty"`
	Channel string `json:"channel,omitempty"`
	Order   string `json:"order,omitempty"`
	// Happened is the gateway's (or platform's) time of the fact;
	// ClockSynced says whether the gateway's clock was synchronised.
	Happened    time.Time `json:"happened,omitzero"`
	ClockSynced bool      `json:"clock_synced,omitempty"`
	// Recorded is the relay's time.
	Recorded time.Time `json:"recorded"`
	// Result is "ok" or the error of a push; a reason for other kinds.
	Result string `json:"result,omitempty"`
	// OnHand is the SKU's on hand at the site after the row, when known:
	// the SKU page charts it.
	OnHand *int64 `json:"on_hand,omitempty"`
}

// Query selects rows: every set field must match. Rows come newest
// first.
type Query struct {
	SKU, Site, Channel, Order string
	// From and To bound Recorded (To exclusive); zero: unbounded.
	From, To time.Time
	// Before, when set, returns rows with ID < Before: the next page.
	Before uint64
	// Limit caps the rows returned; 0 means DefaultLimit, and at most
	// MaxLimit are returned.
	Limit int
}

// Paging limits.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Reader is what the console and the CLI read the trail through.
type Reader interface {
	Audit(ctx context.Context, q Query) ([]Row, error)
}

// Limited is q's limit within the bounds.
func (q Query) Limited() int {
	switch {
	case q.Limit <= 0:
		return DefaultLimit
	case q.Limit > MaxLimit:
		return MaxLimit
	}
	return q.Limit
}

// Matches reports whether r is selected by q (apart from Before and
// Limit), for stores that filter in Go.
func (q Query) Matches(r Row) bool {
	switch {
	case q.SKU != "" && r.SKU != q.SKU,
		q.Site != "" && r.Site != q.Site,
		q.Channel != "" && r.Channel != q.Channel,
		q.Order != "" && r.Order != q.Order,
		!q.From.IsZero() && r.Recorded.Before(q.From),
		!q.To.IsZero() && !r.Recorded.Before(q.To):
		return false
	}
	return true
}
