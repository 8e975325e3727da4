package ledger

import (
	"fmt"
	"time"
	"unicode/utf8"
)

// Type is the kind of stock movement.
type Type string

// Event types.
const (
	Receive  Type = "receive"  // goods in, with unit cost: creates a FIFO layer
	Sale     Type = "sale"     // pick or ship, optionally for an order: consumes FIFO layers
	Return   Type = "return"   // restock to a location, or to damaged when not sellable
	Transfer Type = "transfer" // from Location to ToLocation within the site
	Adjust   Type = "adjust"   // signed correction; Reason required
	Count    Type = "count"    // absolute counted quantity; the ledger posts the variance
	Baseline Type = "baseline" // Day-One stocktake quantity, with unit cost
)

// State is the stock state a posting changes.
type State string

// Stock states.
const (
	OnHand  State = "on_hand"
	Damaged State = "damaged"
)

// Event is one stock movement. The client fills the fields above Seq;
// the ledger fills Seq and the derived fields when it records the event.
type Event struct {
	ID          string    `json:"id"`
	Type        Type      `json:"type"`
	SKU         string    `json:"sku"`
	Location    string    `json:"location"`
	ToLocation  string    `json:"to_location,omitempty"`
	Qty         int64     `json:"qty"`
	Damaged     bool      `json:"damaged,omitempty"`
	UnitCost    Money     `json:"unit_cost,omitzero"`
	Time        time.Time `json:"time,omitzero"`
	ClockSynced bool      `json:"clock_synced"`
	User        string    `json:"user,omitempty"`
	Device      string    `json:"device,omitempty"`
	Reason      string    `json:"reason,omitempty"`
	Order       string    `json:"order,omitempty"`
	EPC         string    `json:"epc,omitempty"`
	CountID     string    `json:"count_id,omitempty"`

	// Seq is the gap-free position in the log, assigned by the ledger.
	Seq uint64 `json:"seq,omitempty"`
	// Postings are the balance changes the event made, with the
	// resulting balance of each.
	Postings []Posting `json:"postings,omitempty"`
	// Book is the on-hand quantity before a count or baseline.
	Book int64 `json:"book,omitempty"`
	// COGS is the FIFO cost of units that left stock (sale, shrink), or
	// the cost correction when a receipt settles a negative layer.
	COGS int64 `json:"cogs,omitempty"`
	// ValueDelta is the change of inventory value at cost.
	ValueDelta int64 `json:"value_delta,omitempty"`
}

// Posting is one balance change made by an event.
type Posting struct {
	Location string `json:"location"`
	State    State  `json:"state"`
	Delta    int64  `json:"delta"`
	After    int64  `json:"after"`
}

// Limits that keep every sum far from int64 overflow.
const (
	MaxQty      = 1_000_000_000
	MaxUnitCost = 1_000_000_000_000
	maxIDLen    = 128
	maxNameLen  = 128
	maxTextLen  = 512
)

// Validate checks the client-supplied fields. The error wraps
// ErrInvalidEvent and names the field and the fix.
func (e *Event) Validate() error {
	if err := e.validateNames(); err != nil {
		return err
	}
	if err := e.validateQty(); err != nil {
		return err
	}
	return e.validateType()
}

func (e *Event) validateNames() error {
	checks := []struct {
		field, value string
		max          int
		required     bool
	}{
		{"id", e.ID, maxIDLen, true}, {"sku", e.SKU, maxNameLen, true},
		{"location", e.Location, maxNameLen, true}, {"to_location", e.ToLocation, maxNameLen, false},
		{"user", e.User, maxNameLen, false}, {"device", e.Device, maxNameLen, false},
		{"order", e.Order, maxNameLen, false}, {"epc", e.EPC, maxNameLen, false},
		{"count_id", e.CountID, maxNameLen, false}, {"reason", e.Reason, maxTextLen, false},
	}
	for _, c := range checks {
		if err := checkText(c.field, c.value, c.max, c.required); err != nil {
			return err
		}
	}
	return nil
}

func checkText(field, v string, max int, required bool) error {
	if v == "" && required {
		return invalidf("%s is required", field)
	}
	if len(v) > max {
		return invalidf("%s is %d bytes long; the limit is %d", field, len(v), max)
	}
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] == 0x7f {
			return invalidf("%s contains control byte 0x%02x at offset %d; use printable text", field, v[i], i)
		}
	}
	if !utf8.ValidString(v) {
		return invalidf("%s is not valid UTF-8 (byte offset %d); send text in UTF-8", field, badUTF8(v))
	}
	return nil
}

// badUTF8 is the offset of the first byte of v that is not valid UTF-8.
func badUTF8(v string) int {
	for i, r := range v {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(v[i:]); n <= 1 {
				return i
			}
		}
	}
	return len(v)
}

func (e *Event) validateQty() error {
	if e.Qty > MaxQty || e.Qty < -MaxQty {
		return invalidf("qty %d is out of range (at most %d units per event)", e.Qty, MaxQty)
	}
	switch e.Type {
	case Receive, Sale, Return, Transfer:
		if e.Qty <= 0 {
			return invalidf("qty must be positive for %s, got %d", e.Type, e.Qty)
		}
	case Adjust:
		if e.Qty == 0 {
			return invalidf("qty of an adjust must not be zero")
		}
	case Count, Baseline:
		if e.Qty < 0 {
			return invalidf("a %s gives the absolute quantity found; got %d", e.Type, e.Qty)
		}
	}
	if e.UnitCost.Set && (e.UnitCost.Minor < 0 || e.UnitCost.Minor > MaxUnitCost) {
		return invalidf("unit_cost %s is out of range (0 to %d minor units)", e.UnitCost, int64(MaxUnitCost))
	}
	return nil
}

func (e *Event) validateType() error {
	switch e.Type {
	case Receive, Baseline:
		if !e.UnitCost.Set {
			return invalidf("a %s needs unit_cost (minor units as an integer, or a decimal string)", e.Type)
		}
	case Transfer:
		if e.ToLocation == "" || e.ToLocation == e.Location {
			return invalidf("a transfer needs to_location different from location %q", e.Location)
		}
	case Adjust:
		if e.Reason == "" {
			return invalidf("an adjust needs a reason")
		}
	case Sale, Return, Count:
	default:
		return invalidf("unknown type %q; use receive, sale, return, transfer, adjust, count or baseline", e.Type)
	}
	if e.Damaged && e.Type != Return && e.Type != Adjust {
		return invalidf("damaged applies only to return and adjust, not %s", e.Type)
	}
	if e.EPC != "" && (e.Type == Count || e.Type == Baseline || abs(e.Qty) != 1) {
		return invalidf("an event with an epc moves exactly one tagged item (qty 1, or ±1 for adjust) and cannot be a %s of %d", e.Type, e.Qty)
	}
	if e.ToLocation != "" && e.Type != Transfer {
		return invalidf("to_location applies only to transfer, not %s", e.Type)
	}
	return nil
}

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidEvent}, args...)...)
}
