package report

import (
	"time"

	"github.com/edged/edged/ledger"
)

// toleranceBP returns the allowed variance of sku in basis points of
// the book (0 for serialized items).
func (e *Engine) toleranceBP(d *Dataset, cls Classification, sku string) int64 {
	if d.Items[sku].Serialized {
		return 0
	}
	return ToleranceBP(e.cfg.Tolerance, cls.Of(sku))
}

// lineTolerance is the class and tolerance the line was counted under
// (recorded by the ledger when the session had tolerances), else the
// SKU's class in the period.
func (e *Engine) lineTolerance(d *Dataset, cls Classification, l ledger.CountLine) (string, int64) {
	if l.Tolerance != nil {
		return l.Tolerance.Class, l.Tolerance.BP
	}
	return string(cls.Of(l.SKU)), e.toleranceBP(d, cls, l.SKU)
}

// ToleranceBP is the class's tolerance in basis points.
func ToleranceBP(t Tolerance, c Class) int64 {
	pct := map[Class]float64{ClassA: t.A, ClassB: t.B, ClassC: t.C}[c]
	return int64(pct*100 + 0.5)
}

// WithinTolerance: |counted − book| ≤ bp/10000 × book, in integers.
func WithinTolerance(line ledger.CountLine, bp int64) bool {
	v := line.Variance()
	if v < 0 {
		v = -v
	}
	return v*10000 <= bp*line.Book
}

// accuracyReport: lines within tolerance ÷ lines counted, never netting
// positive and negative variances.
func (e *Engine) accuracyReport(d *Dataset) *Report {
	r := &Report{Title: "Inventory record accuracy",
		Columns: []string{"count", "sku", "location", "class", "book", "counted", "variance", "tolerance", "within"}}
	cls := Classify(d, e.cfg.ABC.AShare, e.cfg.ABC.BShare)
	var ok, absVar, book int64
	for _, l := range d.Lines {
		class, bp := e.lineTolerance(d, cls, l)
		in := WithinTolerance(l, bp)
		if in {
			ok++
		}
		absVar, book = absVar+abs(l.Variance()), book+l.Book
		r.row(l.CountID, l.SKU, l.Location, class, l.Book, l.Counted, l.Variance(), ratio(bp, 100, 2)+" %", in)
	}
	n := int64(len(d.Lines))
	r.figure("inventory record accuracy", "%s", pct(ok, n))
	r.figure("lines within tolerance / counted", "%d / %d", ok, n)
	r.figure("unit-weighted accuracy (1 − Σ|variance| ÷ Σ book)", "%s", pct(book-absVar, book))
	r.Charts = append(r.Charts, accuracyChart(weeklyAccuracy(e, d, cls)))
	return r
}

// weekPoint is the accuracy of the lines counted in one week.
type weekPoint struct {
	Week     time.Time
	OK, Done int64
}

func weeklyAccuracy(e *Engine, d *Dataset, cls Classification) []weekPoint {
	var out []weekPoint
	for _, l := range d.Lines {
		t := l.Time.UTC().Truncate(day)
		w := t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)) // Monday
		i := len(out) - 1
		for i >= 0 && !out[i].Week.Equal(w) {
			i--
		}
		if i < 0 {
			out = append(out, weekPoint{Week: w})
			i = len(out) - 1
		}
		out[i].Done++
		if _, bp := e.lineTolerance(d, cls, l); WithinTolerance(l, bp) {
			out[i].OK++
		}
	}
	sortWeeks(out)
	return out
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
