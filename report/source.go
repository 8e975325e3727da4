package report

import (
	"fmt"
	"time"

	"github.com/edged/edged/ledger"
)

// EventLog is the ledger's audit trail; *ledger.Ledger satisfies it.
type EventLog interface {
	Log(f ledger.LogFilter, fn func(e *ledger.Event) error) error
}

// Stock gives the current on hand and FIFO value of every SKU.
type Stock interface {
	Valuation(sku string) ([]ledger.SKUValue, error)
}

// CountHistory gives the lines of finished counts.
type CountHistory interface {
	FinishedCountLines(from, to time.Time) ([]ledger.CountLine, error)
}

// Source is everything the reports read.
type Source interface {
	EventLog
	Stock
	CountHistory
}

var _ Source = (*ledger.Ledger)(nil)

// Period is a range of whole UTC days [From, To).
type Period struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// NewPeriod rounds from down and to up to UTC midnights.
func NewPeriod(from, to time.Time) (Period, error) {
	p := Period{From: from.UTC().Truncate(day), To: to.UTC().Truncate(day)}
	if p.To.Before(to) {
		p.To = p.To.Add(day)
	}
	if !p.From.Before(p.To) {
		return p, fmt.Errorf("%w: from %s is not before to %s", ErrPeriod, from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	return p, nil
}

// LastDays is the period of n whole days ending with the day of now.
func LastDays(now time.Time, n int) Period {
	to := now.UTC().Truncate(day).Add(day)
	return Period{From: to.Add(-time.Duration(n) * day), To: to}
}

// Days is the number of days in p.
func (p Period) Days() int { return int(p.To.Sub(p.From) / day) }

// dayOf is the index of t's day in p (negative before From).
func (p Period) dayOf(t time.Time) int {
	d := t.Sub(p.From)
	if d < 0 {
		return int((d+1)/day) - 1
	}
	return int(d / day)
}
