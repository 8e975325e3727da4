package stock

import (
	"context"
	"time"
)

// DefaultRetention is how long Prune keeps delivery ids and finished
// orders: far beyond every platform's retry window (Shopify 4 h, Lazada 6 h,
// TikTok about 15 h), so a late duplicate is still recognised.
const DefaultRetention = 7 * 24 * time.Hour

// Prune forgets delivery ids seen before cutoff, order records written
// before it that hold no reservation and early-pick marks, in one commit, and returns how many
// records went. Run it daily with time.Now().Add(-DefaultRetention); the
// tables otherwise grow with every order.
func (e *Engine) Prune(ctx context.Context, cutoff time.Time) (int, error) {
	n := 0
	err := e.update(ctx, func(tx *txn) error {
		limit := cutoff.Unix()
		for k, at := range tx.st.seen {
			if at < limit {
				del(tx, tx.st.seen, k, TableEvents, k)
				n++
			}
		}
		for k, m := range tx.st.picked {
			if m.At < limit {
				del(tx, tx.st.picked, k, TablePicked, k)
				n++
			}
		}
		held := e.ordersWithReservations(tx.st)
		for k, o := range tx.st.orders {
			if o.At < limit && !held[k] {
				del(tx, tx.st.orders, k, TableOrders, k)
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

func (e *Engine) ordersWithReservations(st *state) map[string]bool {
	out := map[string]bool{}
	for _, r := range st.res {
		out[joinKey(string(r.Channel), r.OrderID)] = true
	}
	return out
}
