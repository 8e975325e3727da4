package countplan_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/countplan"
	"github.com/edged/edged/report"
)

func synthetic(nA, nB, nC int) []countplan.Target {
	var out []countplan.Target
	for c, n := range map[report.Class]int{report.ClassA: nA, report.ClassB: nB, report.ClassC: nC} {
		for i := range n {
			out = append(out, countplan.Target{SKU: fmt.Sprintf("%s-%04d", c, i), Location: "L1", Class: c})
		}
	}
	return out
}

func TestPlanSpreadsEvenlyAndCountsEachOncePerCycle(t *testing.T) {
	p, err := countplan.NewPlanner(countplan.Config{})
	if err != nil {
		t.Fatal(err)
	}
	// Mon–Fri: 5 × 52 = 260 working days; cycles A 260/52 = 5, B
	// 260/12 = 21.7 → 22, C 260/4 = 65.
	if p.Cycle(report.ClassA) != 5 || p.Cycle(report.ClassB) != 22 || p.Cycle(report.ClassC) != 65 {
		t.Fatalf("cycles %d %d %d", p.Cycle(report.ClassA), p.Cycle(report.ClassB), p.Cycle(report.ClassC))
	}
	targets := synthetic(100, 300, 1000)
	seen := map[string]int{}
	perClass := map[report.Class]map[int]int{report.ClassA: {}, report.ClassB: {}, report.ClassC: {}}
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) // a Monday
	for w := 0; w < 65; day = day.AddDate(0, 0, 1) {
		plan := p.Day(targets, day)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			if plan.Working || len(plan.Lines) != 0 {
				t.Fatalf("%s is not a working day: %+v", plan.Date, plan)
			}
			continue
		}
		n := map[report.Class]int{}
		for _, l := range plan.Lines {
			seen[l.SKU]++
			n[l.Class]++
		}
		for c, k := range n {
			perClass[c][k]++
		}
		w++
	}
	// per day: A 100/5 = 20 exactly; B 300/22 = 13.6 → 13 or 14;
	// C 1000/65 = 15.4 → 15 or 16
	for c, want := range map[report.Class][2]int{report.ClassA: {20, 20}, report.ClassB: {13, 14}, report.ClassC: {15, 16}} {
		for k := range perClass[c] {
			if k < want[0] || k > want[1] {
				t.Errorf("class %s: a day with %d lines, want %d..%d (%v)", c, k, want[0], want[1], perClass[c])
			}
		}
	}
	// over 65 working days: A 65/5 = 13 counts each, C exactly once;
	// B 65/22 → 2 or 3
	for _, tg := range targets {
		want := map[report.Class][2]int{report.ClassA: {13, 13}, report.ClassB: {2, 3}, report.ClassC: {1, 1}}[tg.Class]
		if n := seen[tg.SKU]; n < want[0] || n > want[1] {
			t.Errorf("%s counted %d times in 65 working days, want %d..%d", tg.SKU, n, want[0], want[1])
		}
	}
}

func TestPlanIsBlindUnlessConfigured(t *testing.T) {
	book := int64(7)
	targets := []countplan.Target{{SKU: "X", Location: "L", Class: report.ClassA, Book: &book}}
	monday := time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC)
	found := func(show bool) *int64 {
		p, _ := countplan.NewPlanner(countplan.Config{ShowBook: show})
		for d := range 5 {
			if plan := p.Day(targets, monday.AddDate(0, 0, d)); len(plan.Lines) == 1 {
				if plan.Lines[0].Session != "cc-"+plan.Date+"-L" {
					t.Errorf("session %q", plan.Lines[0].Session)
				}
				return plan.Lines[0].Book
			}
		}
		t.Fatal("an A target is not counted within a week")
		return nil
	}
	if found(false) != nil {
		t.Error("a blind plan shows the book")
	}
	if b := found(true); b == nil || *b != 7 {
		t.Errorf("show_book plan: %v", b)
	}
}

func TestConfigValidateNamesFields(t *testing.T) {
	err := countplan.Config{PerYear: countplan.Frequencies{A: 400}, WorkingDays: []string{"mon", "funday"}}.Validate("cycle_count")
	for _, want := range []string{"cycle_count.per_year.a", "cycle_count.working_days[1]"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not name %s", err, want)
		}
	}
}
