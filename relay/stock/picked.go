package stock

import (
	"time"

	"github.com/edged/edged/relay"
)

// pickedMark remembers units the warehouse picked for an order the relay
// had not heard of yet (its webhook was late, or the relay was down while
// the platform retried). When the order arrives those units are already
// gone from on hand, so they are not reserved again; without this the
// reservation would never be released and the SKU would undersell.
type pickedMark struct {
	Qty int64 `json:"qty"`
	At  int64 `json:"at"`
}

// pickedEarly records n units picked for ref with nothing to release.
func (e *Engine) pickedEarly(tx *txn, ref string, n int64) {
	if ref == "" || n <= 0 {
		return
	}
	m := tx.st.picked[ref]
	m.Qty += n
	m.At = time.Now().Unix()
	put(tx, tx.st.picked, ref, m, TablePicked, ref)
}

// takePicked consumes up to want units picked early for the order (named
// by its id or "channel:id") and returns how many.
func (e *Engine) takePicked(tx *txn, ch relay.Channel, orderID string, want int64) int64 {
	got := int64(0)
	for _, ref := range []string{orderID, string(ch) + ":" + orderID} {
		m, ok := tx.st.picked[ref]
		if !ok || got >= want {
			continue
		}
		n := min(m.Qty, want-got)
		got += n
		if m.Qty -= n; m.Qty <= 0 {
			del(tx, tx.st.picked, ref, TablePicked, ref)
		} else {
			put(tx, tx.st.picked, ref, m, TablePicked, ref)
		}
	}
	return got
}
