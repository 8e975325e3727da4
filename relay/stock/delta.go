package stock

import (
	"fmt"
	"time"
)

// Kind says what a warehouse movement was; it decides whether the movement
// releases a reservation.
type Kind string

// Movement kinds.
const (
	// Receive adds stock from a supplier or transfer.
	Receive Kind = "receive"
	// Pick takes units off the shelf for an order; it releases the order's
	// reservation (or the SKU's oldest when OrderRef is empty).
	Pick Kind = "pick"
	// Sale is a pick for a sale made elsewhere (shop floor, POS); it
	// releases like Pick.
	Sale Kind = "sale"
	// Return is a customer return the warehouse confirmed; it restocks.
	Return Kind = "return"
	// Adjust is a correction (damage, found stock); it releases nothing.
	Adjust Kind = "adjust"
	// Count sets on hand to Qty (a cycle count).
	Count Kind = "count"
)

// Delta is one stock movement at a site, as a gateway reports it.
type Delta struct {
	SKU  string `json:"sku"`
	Site string `json:"site"`
	Kind Kind   `json:"kind"`
	// Qty is the signed change of on hand (negative for picks), or the
	// counted quantity for Count.
	Qty int64 `json:"qty"`
	// OrderRef names the order a pick or sale fulfils: the channel order id,
	// optionally prefixed "channel:".
	OrderRef string `json:"order_ref,omitempty"`
	// Event is what the gateway's ledger recorded, for the audit trail
	// only: it changes no stock. Nil for deltas not from a ledger.
	Event *EventInfo `json:"event,omitempty"`
}

// EventInfo is the ledger event behind a delta, as the audit trail keeps it.
type EventInfo struct {
	ID         string `json:"id,omitempty"`
	Type       string `json:"type,omitempty"`
	Location   string `json:"location,omitempty"`
	ToLocation string `json:"to_location,omitempty"`
	Worker     string `json:"worker,omitempty"`
	Device     string `json:"device,omitempty"`
	Order      string `json:"order,omitempty"`
	// Happened is the gateway's clock; ClockSynced whether it was synced.
	Happened    time.Time `json:"happened,omitzero"`
	ClockSynced bool      `json:"clock_synced,omitempty"`
}

// Sequenced is a delta with the gateway's sequence number.
type Sequenced struct {
	Seq   uint64
	Delta Delta
}

// Validate reports why d cannot be applied.
func (d Delta) Validate() error {
	switch {
	case d.SKU == "":
		return fmt.Errorf("%w: empty sku", ErrBadDelta)
	case d.Kind == Pick || d.Kind == Sale:
		if d.Qty > 0 {
			return fmt.Errorf("%w: %s of %s has positive qty %d", ErrBadDelta, d.Kind, d.SKU, d.Qty)
		}
	case d.Kind == Count:
		if d.Qty < 0 {
			return fmt.Errorf("%w: count of %s is negative (%d)", ErrBadDelta, d.SKU, d.Qty)
		}
	case d.Kind == Receive || d.Kind == Return || d.Kind == Adjust:
	default:
		return fmt.Errorf("%w: unknown kind %q for %s", ErrBadDelta, d.Kind, d.SKU)
	}
	return nil
}

// releases reports whether the movement consumes a reservation.
func (d Delta) releases() bool { return d.Kind == Pick || d.Kind == Sale }
