package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/viper"
)

// shopEvents: A1 receives 10 @ 1.00 and sells 4 then 3 in January 2026.
const shopEvents = `{"id":"r1","type":"receive","sku":"A1","location":"L1","qty":10,"unit_cost":"1.00","time":"2026-01-02T09:00:00Z"}
{"id":"s1","type":"sale","sku":"A1","location":"L1","qty":4,"order":"O1","time":"2026-01-03T09:00:00Z"}
{"id":"s2","type":"sale","sku":"A1","location":"L1","qty":3,"order":"O2","time":"2026-01-04T09:00:00Z"}
{"id":"r2","type":"receive","sku":"B1","location":"L2","qty":2,"unit_cost":"5.00","time":"2026-01-02T09:00:00Z"}
`

func shopDB(t *testing.T) string {
	db := filepath.Join(t.TempDir(), "l.db")
	if _, stderr, code := edged(t, db, shopEvents, "ledger", "post"); code != 0 {
		t.Fatalf("post: %s", stderr)
	}
	return db
}

func runReportCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	v := viper.New()
	v.Set("log.level", "info")
	cmd := newReportCmd(v)
	var out, errb bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func TestReportCommand(t *testing.T) {
	db := shopDB(t)
	// sold 7 of (0 at the start + 10 + 2 received) = 58.33 %
	out, err := runReportCmd(t, "sell-through", "--db", db, "--from", "2026-01-01", "--to", "2026-01-11")
	if err != nil || !strings.Contains(out, "sell-through (sold ÷ (opening on hand + received)): 58.33 %") {
		t.Fatalf("table: %v\n%s", err, out)
	}
	out, err = runReportCmd(t, "profit", "--db", db, "--from", "2026-01-01", "--to", "2026-01-11", "--format", "json")
	var rs []struct {
		Summary []struct{ Label, Value string }
	}
	// COGS 7 × 1.00 = 7.00
	if err != nil || json.Unmarshal([]byte(out), &rs) != nil || rs[0].Summary[1].Value != "7.00" {
		t.Fatalf("json: %v\n%s", err, out)
	}
	out, err = runReportCmd(t, "dashboard", "--db", db, "--format", "html", "--from", "2026-01-01", "--to", "2026-01-11")
	if err != nil || strings.Count(out, "<svg") < 4 {
		t.Fatalf("html: %v, %d charts", err, strings.Count(out, "<svg"))
	}
	if _, err := runReportCmd(t, "nope", "--db", db); err == nil || !strings.Contains(err.Error(), "dashboard") {
		t.Errorf("unknown report: %v", err)
	}
}

func TestCountPlanCommand(t *testing.T) {
	db := shopDB(t)
	// A1 sold, so class A: counted every 5 working days; on some day of
	// the week starting Monday 2026-01-05 it is on the list
	var seen bool
	for _, d := range []string{"2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09"} {
		out, stderr, code := edged(t, db, "", "ledger", "count", "plan", "--date", d)
		if code != 0 {
			t.Fatalf("plan: %s", stderr)
		}
		seen = seen || strings.Contains(out, "L1        A1   A      ±1 %       -")
	}
	if !seen {
		t.Error("A1 never planned in a week")
	}
	out, _, _ := edged(t, db, "", "ledger", "count", "plan", "--date", "2026-01-10")
	if !strings.Contains(out, "not a working day") {
		t.Errorf("saturday: %s", out)
	}
}

func TestCountPlanStartAndApprove(t *testing.T) {
	db := shopDB(t)
	// A1 is class A: planned on one day of each week of 5 working days
	day := ""
	for _, d := range []string{"2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09"} {
		if out, _, _ := edged(t, db, "", "ledger", "count", "plan", "--date", d, "--format", "json"); strings.Contains(out, `"sku": "A1"`) {
			day = d
		}
	}
	if day == "" {
		t.Fatal("A1 is not planned in a week")
	}
	out, stderr, code := edged(t, db, "", "ledger", "count", "plan", "--date", day, "--start", "--format", "json")
	id := "cc-" + day + "-L1"
	if code != 0 || !strings.Contains(out, `"blind": true`) || !strings.Contains(stderr, id) {
		t.Fatalf("plan --start: %d %s\n%s", code, stderr, out)
	}
	// A1 holds 3; counting 2 is −33 %: beyond ±1 %
	edged(t, db, "", "ledger", "count", "record", "--id", id, "--sku", "A1", "--location", "L1", "--qty", "2", "--user", "bob")
	if _, stderr, code := edged(t, db, "", "ledger", "count", "finish", "--id", id); code == 0 || !strings.Contains(stderr, "tolerance") {
		t.Fatalf("finish beyond tolerance: %d %s", code, stderr)
	}
	if _, stderr, code := edged(t, db, "", "ledger", "count", "approve", "--id", id, "--sku", "A1", "--location", "L1", "--user", "sup"); code != 0 {
		t.Fatalf("approve: %s", stderr)
	}
	if out, stderr, code := edged(t, db, "", "ledger", "count", "finish", "--id", id); code != 0 || !strings.Contains(out, "1 adjustments posted") {
		t.Fatalf("finish %s: %s %s", id, stderr, out)
	}
}
