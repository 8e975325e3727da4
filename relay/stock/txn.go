package stock

import (
	"encoding/json"
	"time"

	"github.com/edged/edged/relay"
)

// txn changes the in-memory state, recording the store mutations and how to
// undo each change should the commit fail.
type txn struct {
	st   *state
	muts []Mutation
	undo []func()
	skus map[string]bool // SKUs whose quantities must be recomputed
	// held and released are inbox keys added and removed, by channel.
	held, released map[string]relay.Channel
}

func newTxn(st *state) *txn {
	return &txn{st: st, skus: map[string]bool{}, held: map[string]relay.Channel{}, released: map[string]relay.Channel{}}
}

func (tx *txn) rollback() {
	for i := len(tx.undo) - 1; i >= 0; i-- {
		tx.undo[i]()
	}
}

func (tx *txn) record(t Table, key string, v any) {
	tx.muts = append(tx.muts, Mutation{Table: t, Key: key, Value: encode(v)})
}

// guard makes the last recorded mutation conditional on the record
// holding old (nil: absent) in the store.
func (tx *txn) guard(old any) {
	m := &tx.muts[len(tx.muts)-1]
	m.Guard, m.Old = true, encode(old)
}

func encode(v any) []byte {
	if v == nil {
		return nil
	}
	b, _ := json.Marshal(v) // plain structs and ints: cannot fail
	return b
}

// put sets m[k]=v, records the mutation and its undo.
func put[K comparable, V any](tx *txn, m map[K]V, k K, v V, t Table, key string) {
	old, had := m[k]
	m[k] = v
	tx.record(t, key, v)
	tx.undo = append(tx.undo, func() { restore(m, k, old, had) })
}

// del deletes m[k], records the mutation and its undo.
func del[K comparable, V any](tx *txn, m map[K]V, k K, t Table, key string) {
	old, had := m[k]
	delete(m, k)
	tx.muts = append(tx.muts, Mutation{Table: t, Key: key})
	tx.undo = append(tx.undo, func() { restore(m, k, old, had) })
}

func restore[K comparable, V any](m map[K]V, k K, old V, had bool) {
	if had {
		m[k] = old
	} else {
		delete(m, k)
	}
}

func (tx *txn) setOnHand(k siteSKU, n int64) {
	put(tx, tx.st.onHand, k, n, TableOnHand, k.key())
	tx.skus[k.SKU] = true
}

// setReservation upserts r, or deletes it when r.Qty ≤ 0, keeping the
// derived reserved totals in step.
func (tx *txn) setReservation(r Reservation) {
	k := siteSKU{r.SKU, r.Site}
	prev := tx.st.res[r.key()].Qty
	if r.Qty <= 0 {
		del(tx, tx.st.res, r.key(), TableReservations, r.key())
		r.Qty = 0
	} else {
		put(tx, tx.st.res, r.key(), r, TableReservations, r.key())
	}
	diff := r.Qty - prev
	tx.st.reserved[k] += diff // derived, not stored
	tx.undo = append(tx.undo, func() { tx.st.reserved[k] -= diff })
	tx.skus[r.SKU] = true
}

func (tx *txn) nextSeq() uint64 {
	old := tx.st.seq
	tx.st.seq++
	tx.record(TableMeta, "seq", tx.st.seq)
	tx.undo = append(tx.undo, func() { tx.st.seq = old })
	return tx.st.seq
}

// markSeen records a delivery id; the store refuses it if another relay
// recorded it first.
func (tx *txn) markSeen(key string) {
	put(tx, tx.st.seen, key, time.Now().Unix(), TableEvents, key)
	tx.guard(nil)
}

// setOrder records an order; a new one must be new in the store too.
func (tx *txn) setOrder(key string, o orderRecord) {
	_, known := tx.st.orders[key]
	o.At = time.Now().Unix()
	put(tx, tx.st.orders, key, o, TableOrders, key)
	if !known {
		tx.guard(nil)
	}
}

// setGateway moves a gateway's applied seq, on the condition that the
// store still holds the seq this copy started from.
func (tx *txn) setGateway(gw string, seq uint64) {
	old, known := tx.st.gw[gw]
	put(tx, tx.st.gw, gw, seq, TableGateways, gw)
	if known {
		tx.guard(old)
	} else {
		tx.guard(nil)
	}
}

func (tx *txn) setLock(ch relay.Channel, sku string, n int64) {
	k := joinKey(string(ch), sku)
	if n <= 0 {
		del(tx, tx.st.locks, k, TableLocks, k)
	} else {
		put(tx, tx.st.locks, k, n, TableLocks, k)
	}
	tx.skus[sku] = true
}

func (tx *txn) addInbox(key string, ev relay.OrderEvent) {
	put(tx, tx.st.inbox, key, ev, TableInbox, key)
	tx.held[key] = ev.Channel
}

func (tx *txn) dropInbox(key string) {
	tx.released[key] = tx.st.inbox[key].Channel
	del(tx, tx.st.inbox, key, TableInbox, key)
}

func (tx *txn) reject(key string, v any) { tx.record(TableRejected, key, v) }

// compacted returns the mutations with one per record: the last value,
// with the guard of the first (the later ones guard what this
// transaction itself wrote).
func (tx *txn) compacted() []Mutation {
	type rec struct {
		t Table
		k string
	}
	at := make(map[rec]int, len(tx.muts))
	out := make([]Mutation, 0, len(tx.muts))
	for _, m := range tx.muts {
		if m.Table == TableAudit { // appended rows, each its own
			out = append(out, m)
			continue
		}
		i, seen := at[rec{m.Table, m.Key}]
		if !seen {
			at[rec{m.Table, m.Key}] = len(out)
			out = append(out, m)
			continue
		}
		out[i].Value = m.Value
	}
	return out
}
