package workflow

import (
	"context"
	"fmt"

	"github.com/edged/edged/device/scanner"
)

func (s *Station) location(ctx context.Context, f scanner.Frame, o *Outcome) {
	if o.Token.Value == "" {
		s.reject(o, fmt.Errorf("%w: empty location label", ErrBadScan))
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
	if o.Token.Value == "" {
		s.reject(o, fmt.Errorf("%w: empty %s", ErrBadScan, what))
		return
	}
	*field = o.Token.Value
	s.changed(o)
}

// takeQty returns the pending quantity (1 if none) and clears it.
func (s *Station) takeQty() int64 {
	q := int64(1)
	if s.st.qtySet {
		q = s.st.qty
	}
	s.st.qty, s.st.qtySet = 0, false
	return q
}
