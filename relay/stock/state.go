package stock

import (
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

// state is the engine's copy of the store at one version.
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
	outbox   map[string]pushRow    // listing key → what to push
	staged   map[string][]Sequenced
	rejected map[string]bool // keys only: the records are for operators
	seq      uint64
}

func newState() *state {
	return &state{
		onHand: map[siteSKU]int64{}, res: map[string]Reservation{}, reserved: map[siteSKU]int64{},
		gw: map[string]uint64{}, seen: map[string]int64{}, orders: map[string]orderRecord{},
		locks: map[string]int64{}, inbox: map[string]relay.OrderEvent{}, picked: map[string]pickedMark{},
		outbox: map[string]pushRow{}, staged: map[string][]Sequenced{}, rejected: map[string]bool{},
	}
}

// loadState decodes a snapshot.
func loadState(snap Snapshot) (*state, error) {
	st := newState()
	for _, t := range Tables() {
		for k, v := range snap.Records[t] {
			if err := st.apply(Mutation{Table: t, Key: k, Value: v}); err != nil {
				return nil, err
			}
		}
	}
	return st, nil
}

// apply sets or deletes one record; a committed change from another relay
// goes through here, so it must not depend on what the copy held.
func (st *state) apply(m Mutation) error {
	if m.Table == TableReservations {
		return st.applyReservation(m)
	}
	var err error
	switch m.Table {
	case TableOnHand:
		sku, site, _ := strings.Cut(m.Key, sep)
		err = set(st.onHand, siteSKU{sku, site}, m)
	case TableGateways:
		err = set(st.gw, m.Key, m)
	case TableEvents:
		err = set(st.seen, m.Key, m)
	case TableOrders:
		err = set(st.orders, m.Key, m)
	case TableLocks:
		err = set(st.locks, m.Key, m)
	case TableInbox:
		err = set(st.inbox, m.Key, m)
	case TablePicked:
		err = set(st.picked, m.Key, m)
	default:
		err = st.applyOther(m)
	}
	return err
}

func (st *state) applyOther(m Mutation) error {
	switch m.Table {
	case TableOutbox:
		return set(st.outbox, m.Key, m)
	case TableStaged:
		return set(st.staged, m.Key, m)
	case TableRejected:
		st.rejected[m.Key] = m.Value != nil
		if m.Value == nil {
			delete(st.rejected, m.Key)
		}
	case TableMeta:
		if m.Key == "seq" && m.Value != nil {
			return decode(m, &st.seq)
		}
	}
	return nil // a table of a newer relay: not ours to interpret
}

func (st *state) applyReservation(m Mutation) error {
	old, had := st.res[m.Key]
	if had {
		st.reserved[siteSKU{old.SKU, old.Site}] -= old.Qty
	}
	if err := set(st.res, m.Key, m); err != nil {
		return err
	}
	if r, ok := st.res[m.Key]; ok {
		st.reserved[siteSKU{r.SKU, r.Site}] += r.Qty
	}
	return nil
}

// set decodes m into mp[k], or deletes mp[k] for a nil value.
func set[K comparable, V any](mp map[K]V, k K, m Mutation) error {
	if m.Value == nil {
		delete(mp, k)
		return nil
	}
	var v V
	if err := decode(m, &v); err != nil {
		return err
	}
	mp[k] = v
	return nil
}

func decode(m Mutation, into any) error {
	if err := json.Unmarshal(m.Value, into); err != nil {
		return fmt.Errorf("%w: record %s/%q is corrupt: %w", ErrStore, m.Table, m.Key, err)
	}
	return nil
}
