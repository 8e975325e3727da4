package shopifysim

import (
	"encoding/json"
	"fmt"
)

// checkCAS applies the version's compare-and-set rules to one quantity.
func (s *Sim) checkCAS(version string, in setInput, q quantityInput, f func(code, msg, field string) []userError) []userError {
	l, _ := s.Stock.Get(q.InventoryItemID + "|" + q.LocationID)
	current := l.Available
	if in.Name == "on_hand" {
		current = l.Available + l.Committed
	}
	hasChange := len(q.ChangeFrom) > 0
	switch {
	case version >= "2026-04" && q.CompareQuantity != nil:
		return f("INVALID", "compareQuantity was removed in 2026-04", "compareQuantity")
	case version >= "2026-04" && !hasChange:
		return f("INVALID", "changeFromQuantity is required (null opts out)", "changeFromQuantity")
	case version >= "2026-01" && hasChange:
		if string(q.ChangeFrom) == "null" {
			return nil
		}
		var from int64
		if json.Unmarshal(q.ChangeFrom, &from) != nil || from != current {
			return f("CHANGE_FROM_QUANTITY_STALE", fmt.Sprintf("the quantity is %d, not %s", current, q.ChangeFrom), "changeFromQuantity")
		}
		return nil
	}
	if in.IgnoreCompareQuantity != nil && *in.IgnoreCompareQuantity {
		return nil
	}
	if q.CompareQuantity == nil {
		return f("COMPARE_QUANTITY_REQUIRED", "compareQuantity is required unless ignoreCompareQuantity", "compareQuantity")
	}
	if *q.CompareQuantity != current {
		return f("COMPARE_QUANTITY_STALE", fmt.Sprintf("the quantity is %d", current), "compareQuantity")
	}
	return nil
}

func (s *Sim) apply(name string, q quantityInput) {
	k := q.InventoryItemID + "|" + q.LocationID
	qty := q.Quantity
	if name == "on_hand" {
		l, _ := s.Stock.Get(k)
		qty -= l.Committed
	}
	s.Stock.SetAvailable(k, qty)
}

// idemEntry is a stored idempotent result.
type idemEntry struct {
	vars    string
	result  any
	running bool
}

// idemStart reports a stored result, a request still running with the key,
// or a key reused with other variables; otherwise it marks the key running.
func (s *Sim) idemStart(key, vars string) (prev any, busy, mismatch bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.idem[key]
	switch {
	case !ok:
		s.idem[key] = idemEntry{vars: vars, running: true}
		return nil, false, false
	case e.vars != vars:
		return nil, false, true
	case e.running:
		return nil, true, false
	}
	return e.result, false, false
}

func (s *Sim) idemFinish(key, vars string, result any) {
	s.mu.Lock()
	s.idem[key] = idemEntry{vars: vars, result: result}
	s.mu.Unlock()
}

func idemAnswer(prev any, busy, mismatch bool) any {
	switch {
	case mismatch:
		return payload(uerr("IDEMPOTENCY_KEY_PARAMETER_MISMATCH", "the key was used with other variables"))
	case busy:
		return payload(uerr("IDEMPOTENCY_CONCURRENT_REQUEST", "a request with this key is still running"))
	}
	return prev
}
