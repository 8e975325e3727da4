package workflow

import (
	"context"
	"fmt"

	"github.com/edged/edged/device/scanner"
)

func (s *Station) location(ctx context.Context, f scanner.Frame, o *Outcome) {
	if err := checkLabel(o.Token.Value, "location"); err != nil {
		s.reject(o, err)
		return
	}
	if s.st.mode == ModeMove && s.st.moveSKU != "" {
		s.postMove(ctx, f, o)
		return
	}
	s.st.location = o.Token.Value
	s.changed(o)
}

func (s *Station) quantity(o *Outcome) {
	n, max := o.Token.Qty, s.rules.cfg.MaxQuantity
	switch {
	case n < 0:
		s.reject(o, fmt.Errorf("%w: %q is not a whole number", ErrQuantity, o.Data))
	case n == 0 && s.st.mode != ModeCount:
		s.reject(o, fmt.Errorf("%w: 0 is only a count (mode %s)", ErrQuantity, s.st.mode))
	case n > max:
		s.reject(o, fmt.Errorf("%w: %d is over the maximum of %d per scan", ErrQuantity, n, max))
	default:
		s.st.qty, s.st.qtySet = n, true
		s.changed(o)
	}
}

func (s *Station) order(o *Outcome) {
	if s.st.mode != ModePick && s.st.mode != ModeReturn {
		s.reject(o, fmt.Errorf("%w: an order applies to pick or return, the station is in %s", ErrWrongMode, s.st.mode))
		return
	}
	s.setText(o, &s.st.order, "order")
}

func (s *Station) setText(o *Outcome, field *string, what string) {
	if err := checkLabel(o.Token.Value, what); err != nil {
		s.reject(o, err)
		return
	}
	*field = o.Token.Value
	s.changed(o)
}

// pendingQty is the scanned quantity for the next item, 1 if none.
func (s *Station) pendingQty() int64 {
	if s.st.qtySet {
		return s.st.qty
	}
	return 1
}

// maxLabel matches the ledger's limit on names.
const maxLabel = 128

// checkLabel refuses what the ledger would refuse in a name: empty,
// too long or containing control bytes (binary noise, a wrong
// keyboard layout).
func checkLabel(v, what string) error {
	if v == "" || len(v) > maxLabel {
		return fmt.Errorf("%w: %s label of %d bytes; want 1 to %d", ErrBadScan, what, len(v), maxLabel)
	}
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] == 0x7f {
			return fmt.Errorf("%w: %s label has control byte 0x%02x at %d", ErrBadScan, what, v[i], i)
		}
	}
	return nil
}
