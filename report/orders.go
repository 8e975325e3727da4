package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/edged/edged/ledger"
)

// Orders are the ordered lines: order -> sku -> units.
type Orders map[string]map[string]int64

// ParseOrders reads an orders CSV with the header order,sku,qty; an
// order spans several lines, one per SKU (a repeated SKU adds up).
func ParseOrders(r io.Reader) (Orders, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 3
	head, err := cr.Read()
	if err != nil || strings.Join(head, ",") != "order,sku,qty" {
		return nil, fmt.Errorf("%w: the header must be order,sku,qty (%v)", ErrOrders, err)
	}
	out := Orders{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrOrders, err)
		}
		line, _ := cr.FieldPos(0)
		qty, err := strconv.ParseInt(rec[2], 10, 64)
		if rec[0] == "" || rec[1] == "" || err != nil || qty <= 0 || qty > ledger.MaxQty {
			return nil, fmt.Errorf("%w: line %d: want an order, a sku and a quantity 1..%d", ErrOrders, line, ledger.MaxQty)
		}
		if out[rec[0]] == nil {
			out[rec[0]] = map[string]int64{}
		}
		if out[rec[0]][rec[1]] += qty; out[rec[0]][rec[1]] > ledger.MaxQty {
			return nil, fmt.Errorf("%w: line %d: order %s orders more than %d of %s", ErrOrders, line, rec[0], ledger.MaxQty, rec[1])
		}
	}
}
