package stock

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/edged/edged/relay"
)

// sep joins key parts; it cannot appear in SKUs or ids read from CSV/JSON
// in practice (ASCII unit separator).
const sep = "\x1f"

func joinKey(parts ...string) string { return strings.Join(parts, sep) }

// siteSKU identifies master stock.
type siteSKU struct{ SKU, Site string }

func (k siteSKU) key() string { return joinKey(k.SKU, k.Site) }

// Reservation is stock held by one order line.
type Reservation struct {
	Channel relay.Channel `json:"channel"`
	OrderID string        `json:"order_id"`
	SKU     string        `json:"sku"`
	Site    string        `json:"site"`
	Qty     int64         `json:"qty"`
	// Seq orders reservations by arrival; the lowest is the oldest.
	Seq uint64 `json:"seq"`
}

func (r Reservation) key() string { return joinKey(string(r.Channel), r.OrderID, r.SKU, r.Site) }

// orderRecord remembers an order's state so that repeats and out-of-order
// deliveries are idempotent.
type orderRecord struct {
	Status relay.OrderStatus `json:"status"`
	// At is when the record was written (unix seconds), for Prune.
	At int64 `json:"at"`
	// Rev and Lines are the order's revision and ordered units per
	// listing's stock, for edits (edit.go).
	Rev   int64         `json:"rev,omitempty"`
	Lines []orderedLine `json:"lines,omitempty"`
}

// orderedLine is how many units of a stock an order holds.
type orderedLine struct {
	SKU  string `json:"sku"`
	Site string `json:"site"`
	Qty  int64  `json:"qty"`
}

// state is the engine's in-memory copy of the store.
type state struct {
	onHand   map[siteSKU]int64
	res      map[string]Reservation
	reserved map[siteSKU]int64 // derived: Σ res by sku/site
	gw       map[string]uint64
	seen     map[string]int64 // event key → unix seconds first seen
	orders   map[string]orderRecord
	locks    map[string]int64 // channel␟sku
	inbox    map[string]relay.OrderEvent
	picked   map[string]pickedMark // order ref → picks not matched yet
	seq      uint64
}

func newState() *state {
	return &state{
		onHand: map[siteSKU]int64{}, res: map[string]Reservation{}, reserved: map[siteSKU]int64{},
		gw: map[string]uint64{}, seen: map[string]int64{}, orders: map[string]orderRecord{},
		locks: map[string]int64{}, inbox: map[string]relay.OrderEvent{}, picked: map[string]pickedMark{},
	}
}

// loadState decodes the store's tables.
func loadState(ctx context.Context, s Store) (*state, error) {
	raw, err := s.Load(ctx)
	if err != nil {
		return nil, err
	}
	st := newState()
	for k, v := range raw[TableOnHand] {
		sku, site, _ := strings.Cut(k, sep)
		if err := decode(TableOnHand, k, v, new(int64), func(n *int64) { st.onHand[siteSKU{sku, site}] = *n }); err != nil {
			return nil, err
		}
	}
	for k, v := range raw[TableReservations] {
		if err := decode(TableReservations, k, v, new(Reservation), func(r *Reservation) {
			st.res[k] = *r
			st.reserved[siteSKU{r.SKU, r.Site}] += r.Qty
		}); err != nil {
			return nil, err
		}
	}
	return st, loadRest(raw, st)
}

func loadRest(raw map[Table]map[string][]byte, st *state) error {
	for k, v := range raw[TableGateways] {
		if err := decode(TableGateways, k, v, new(uint64), func(n *uint64) { st.gw[k] = *n }); err != nil {
			return err
		}
	}
	for k, v := range raw[TableEvents] {
		var at int64
		_ = json.Unmarshal(v, &at) // an unreadable time only makes the mark prunable
		st.seen[k] = at
	}
	for k, v := range raw[TableOrders] {
		if err := decode(TableOrders, k, v, new(orderRecord), func(o *orderRecord) { st.orders[k] = *o }); err != nil {
			return err
		}
	}
	for k, v := range raw[TableLocks] {
		if err := decode(TableLocks, k, v, new(int64), func(n *int64) { st.locks[k] = *n }); err != nil {
			return err
		}
	}
	for k, v := range raw[TableInbox] {
		if err := decode(TableInbox, k, v, new(relay.OrderEvent), func(e *relay.OrderEvent) { st.inbox[k] = *e }); err != nil {
			return err
		}
	}
	for k, v := range raw[TablePicked] {
		if err := decode(TablePicked, k, v, new(pickedMark), func(p *pickedMark) { st.picked[k] = *p }); err != nil {
			return err
		}
	}
	if v, ok := raw[TableMeta]["seq"]; ok {
		return decode(TableMeta, "seq", v, new(uint64), func(n *uint64) { st.seq = *n })
	}
	return nil
}

func decode[T any](t Table, k string, v []byte, into *T, use func(*T)) error {
	if err := json.Unmarshal(v, into); err != nil {
		return fmt.Errorf("%w: record %s/%q is corrupt: %w", ErrStore, t, k, err)
	}
	use(into)
	return nil
}
