package report

import (
	"fmt"
	"io"
	"strconv"

	"github.com/edged/edged/ledger"
)

// Orders are the ordered lines: order -> sku -> units.
type Orders map[string]map[string]int64

// ParseOrders reads an orders CSV with the header order,sku,qty; an
// order spans several lines, one per SKU (a repeated SKU adds up).
func ParseOrders(r io.Reader) (Orders, error) {
	out := Orders{}
	err := readRecords(r, []string{"order", "sku", "qty"}, ErrOrders, func(_ int, rec []string) error {
		qty, err := strconv.ParseInt(rec[2], 10, 64)
		if rec[0] == "" || rec[1] == "" || err != nil || qty <= 0 || qty > ledger.MaxQty {
			return fmt.Errorf("want an order, a sku and a quantity 1..%d", ledger.MaxQty)
		}
		if out[rec[0]] == nil {
			out[rec[0]] = map[string]int64{}
		}
		if out[rec[0]][rec[1]] += qty; out[rec[0]][rec[1]] > ledger.MaxQty {
			return fmt.Errorf("order %s orders more than %d of %s", rec[0], ledger.MaxQty, rec[1])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
