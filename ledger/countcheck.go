package ledger

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// Tolerance is the allowed count variance of a sku: |counted − book| ≤
// BP/10000 × book. BP 0 means exact (serialized items).
type Tolerance struct {
	Class string `json:"class,omitempty"` // ABC class, for the record
	BP    int64  `json:"bp"`
}

// Within reports whether variance v on book is inside the tolerance.
func (t Tolerance) Within(v, book int64) bool {
	return abs(v)*10000 <= t.BP*book
}

func (t *wtx) checkTolerances(s *CountSession) error {
	for sku, tol := range s.Tolerances {
		if tol.BP < 0 || tol.BP > 10000 {
			return countErr("tolerance of %s is %d basis points; use 0 (exact) to 10000", sku, tol.BP)
		}
	}
	return nil
}

// judge sets the line's tolerance from its session and decides whether
// it is accepted: within tolerance, or a recount by another user that
// found the same variance as the count before it (two agreeing
// counters; the variance, not the quantity, so movements between the
// counts of a live session are taken into account).
func judge(s *CountSession, line, prev *CountLine) {
	tol, ok := s.Tolerances[line.SKU]
	if !ok {
		return
	}
	line.Tolerance = &tol
	if prev.Counts > 0 {
		line.PrevVariance, line.PrevUser = prev.Variance(), prev.User
	}
	agree := prev.Counts > 0 && prev.User != line.User && prev.Variance() == line.Variance()
	line.Accepted = tol.Within(line.Variance(), line.Book) || agree
}

// unaccepted lists the lines that need a recount or an approval.
func unaccepted(lines []CountLine) []string {
	var out []string
	for _, l := range lines {
		if l.Tolerance != nil && !l.Accepted && l.ApprovedBy == "" {
			out = append(out, fmt.Sprintf("%s@%s (counted %d, variance %+d, tolerance %s %.2f%%)",
				l.SKU, l.Location, l.Counted, l.Variance(), l.Tolerance.Class, float64(l.Tolerance.BP)/100))
		}
	}
	return out
}

func refuseUnaccepted(id string, lines []CountLine) error {
	if bad := unaccepted(lines); len(bad) > 0 {
		return fmt.Errorf("%w: count %q has variances beyond tolerance: %s; have another user recount them, or a supervisor approve them",
			ErrCountNeedsReview, id, strings.Join(bad, "; "))
	}
	return nil
}

// ApproveCount lets supervisor accept a counted line whose variance is
// beyond tolerance, so that FinishCount posts it. The supervisor must
// not be the counter. A recount clears the approval.
func (l *Ledger) ApproveCount(ctx context.Context, id, sku, loc, supervisor string) (CountLine, error) {
	var line CountLine
	_, err := l.write(ctx, &request{apply: func(t *wtx) (Result, error) {
		if _, err := t.openSession(id); err != nil {
			return Result{}, err
		}
		key := lineKey(id, sku, loc)
		v := t.lines.Get(key)
		if v == nil {
			return Result{}, countErr("count %q has no line for %s at %s", id, sku, loc)
		}
		if err := json.Unmarshal(v, &line); err != nil {
			return Result{}, fmt.Errorf("%w: count line %q: %v", ErrCorrupt, key, err)
		}
		if supervisor == "" || supervisor == line.User {
			return Result{}, countErr("approval of %s at %s needs a supervisor other than the counter %q", sku, loc, line.User)
		}
		line.ApprovedBy = supervisor
		return Result{}, t.putJSON(t.lines, key, line)
	}})
	return line, err
}
