package report

import (
	"cmp"
	"slices"
)

// sweep walks the SKU's in-period changes day by day and fills the
// closing figures, the daily sums and the stock-out days.
func (s *SKUStats) sweep(p Period) {
	if !slices.IsSortedFunc(s.changes, byDay) {
		slices.SortStableFunc(s.changes, byDay)
	}
	first := 0
	if !s.FirstSeen.IsZero() {
		first = max(0, p.dayOf(s.FirstSeen))
	}
	qty, value, from := s.OpenQty, s.OpenValue, 0
	for _, c := range s.changes {
		if int(c.day) > from {
			s.span(from, int(c.day), first, qty, value)
			from = int(c.day)
		}
		qty, value = qty+c.qty, value+c.value
	}
	s.span(from, p.Days(), first, qty, value)
	s.CloseQty, s.CloseValue = qty, value
}

// span accounts for days [a, b) closing at qty and value; days before
// the SKU was first seen are not active.
func (s *SKUStats) span(a, b, first int, qty, value int64) {
	n := int64(b - a)
	s.QtyArea += qty * n
	s.ValueArea += value * n
	if a = max(a, first); b > a {
		s.ActiveDays += b - a
		if qty <= 0 {
			s.OutDays += b - a
		}
	}
}

func byDay(a, b change) int { return cmp.Compare(a.day, b.day) }

// Daily returns the closing on hand of each day of p.
func (s *SKUStats) Daily(p Period) []int64 {
	out := make([]int64, p.Days())
	qty, i := s.OpenQty, 0
	for d := range out {
		for ; i < len(s.changes) && int(s.changes[i].day) <= d; i++ {
			qty += s.changes[i].qty
		}
		out[d] = qty
	}
	return out
}
