package countplan

import (
	"cmp"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/edged/edged/report"
)

// Target is one SKU-location in the programme.
type Target struct {
	SKU      string       `json:"sku"`
	Location string       `json:"location"`
	Class    report.Class `json:"class"`
	// TolerancePct is the allowed |counted − book| in percent of the
	// book; 0 means exact.
	TolerancePct float64 `json:"tolerance_pct"`
	// Book is the on-hand quantity, only when the plan is not blind.
	Book *int64 `json:"book,omitempty"`
	// Session is the id of the count session of the line's location
	// (SessionID), which a scanner station scans to record into it.
	Session string `json:"session,omitempty"`
}

// SessionID is the id of the planned count session of loc on date
// (YYYY-MM-DD).
func SessionID(date, loc string) string { return "cc-" + date + "-" + loc }

// Plan is the list of SKU-locations to count on one day.
type Plan struct {
	Date    string   `json:"date"` // YYYY-MM-DD
	Working bool     `json:"working_day"`
	Blind   bool     `json:"blind"`
	Lines   []Target `json:"lines"`
}

// Planner spreads targets over working days.
type Planner struct {
	cfg  Config
	work [7]bool
	year float64 // working days per year
}

// NewPlanner validates cfg and returns a planner.
func NewPlanner(cfg Config) (*Planner, error) {
	if err := cfg.Validate("cycle_count"); err != nil {
		return nil, err
	}
	p := &Planner{cfg: cfg.WithDefaults()}
	for _, w := range p.cfg.WorkingDays {
		d, _ := weekday(w)
		p.work[d] = true
	}
	for _, on := range p.work {
		if on {
			p.year += 52
		}
	}
	return p, nil
}

// Cycle is the number of working days between two counts of a class.
func (p *Planner) Cycle(c report.Class) int {
	f := map[report.Class]int{report.ClassA: p.cfg.PerYear.A, report.ClassB: p.cfg.PerYear.B}[c]
	if f == 0 {
		f = p.cfg.PerYear.C
	}
	return max(1, int(math.Round(p.year/float64(f))))
}

// Day returns the plan of the UTC day of date.
func (p *Planner) Day(targets []Target, date time.Time) Plan {
	date = date.UTC().Truncate(24 * time.Hour)
	plan := Plan{Date: date.Format(time.DateOnly), Working: p.work[date.Weekday()], Blind: !p.cfg.ShowBook, Lines: []Target{}}
	if !plan.Working {
		return plan
	}
	n := p.workIndex(date)
	for _, c := range []report.Class{report.ClassA, report.ClassB, report.ClassC} {
		cycle := p.Cycle(c)
		for i, t := range ordered(targets, c) {
			if i%cycle == n%cycle {
				if !p.cfg.ShowBook {
					t.Book = nil
				}
				t.Session = SessionID(plan.Date, t.Location)
				plan.Lines = append(plan.Lines, t)
			}
		}
	}
	// in walking order: by location, then sku
	slices.SortStableFunc(plan.Lines, func(a, b Target) int {
		return cmp.Or(strings.Compare(a.Location, b.Location), strings.Compare(a.SKU, b.SKU))
	})
	return plan
}

// workIndex counts the working days from Monday 1970-01-05 to date.
func (p *Planner) workIndex(date time.Time) int {
	epoch := time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC) // a Monday
	days := int(date.Sub(epoch) / (24 * time.Hour))
	perWeek := 0
	for _, on := range p.work {
		if on {
			perWeek++
		}
	}
	n := (days / 7) * perWeek
	for d := range days % 7 {
		if p.work[(int(time.Monday)+d)%7] {
			n++
		}
	}
	return n
}

// ordered returns the targets of class c in their stable cycle order.
func ordered(targets []Target, c report.Class) []Target {
	var out []Target
	for _, t := range targets {
		if t.Class == c {
			out = append(out, t)
		}
	}
	key := func(t Target) uint64 {
		h := fnv.New64a()
		h.Write([]byte(t.SKU + "\x00" + t.Location))
		return h.Sum64()
	}
	slices.SortFunc(out, func(a, b Target) int {
		return cmp.Or(cmp.Compare(key(a), key(b)), strings.Compare(a.SKU, b.SKU), strings.Compare(a.Location, b.Location))
	})
	return out
}
