package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/edged/edged/report"
)

func TestFormatsCarryTheSameFigures(t *testing.T) {
	e, d := shop(t)
	rs, err := e.Build(d, "dashboard")
	if err != nil || len(rs) != 11 {
		t.Fatalf("dashboard: %d reports, %v", len(rs), err)
	}
	out := map[string]string{}
	for _, f := range report.Formats() {
		var a, b bytes.Buffer
		if err := report.Write(&a, rs, f); err != nil {
			t.Fatal(err)
		}
		again, _ := e.Build(d, "dashboard")
		_ = report.Write(&b, again, f)
		if a.String() != b.String() {
			t.Errorf("%s output differs between two runs", f)
		}
		out[f] = a.String()
	}
	var back []report.Report
	if err := json.Unmarshal([]byte(out["json"]), &back); err != nil || back[0].Name != "velocity" || back[0].Rows[0][1] != "A1" {
		t.Fatalf("json: %v", err)
	}
	cr := csv.NewReader(strings.NewReader(out["csv"]))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(recs, func(r []string) bool { return len(r) == 1 && r[0] == "# profit" }); i < 0 ||
		!slices.Equal(recs[i+2], []string{"2026-01", "14", "46.00", "24.00", "22.00", "47.83 %", "24.00", "0"}) {
		t.Errorf("csv profit rows missing or wrong:\n%s", out["csv"])
	}
	for _, want := range []string{"Stockout rate", "stockout rate: 17.86 %", "NET_SOLD"} {
		if !strings.Contains(out["table"], want) {
			t.Errorf("table lacks %q", want)
		}
	}
	if !strings.Contains(out["html"], "<svg") || !strings.Contains(out["html"], "47.83 %") {
		t.Error("html lacks charts or figures")
	}
}

func TestUnknownNamesAreRefused(t *testing.T) {
	e, d := shop(t)
	if _, err := e.Build(d, "profits"); !errors.Is(err, report.ErrUnknownReport) || !strings.Contains(err.Error(), "profit") {
		t.Errorf("unknown report: %v", err)
	}
	if err := report.Write(&bytes.Buffer{}, nil, "xml"); !errors.Is(err, report.ErrFormat) {
		t.Errorf("unknown format: %v", err)
	}
	if _, err := report.NewPeriod(at(5, 0), at(5, 0)); !errors.Is(err, report.ErrPeriod) {
		t.Errorf("empty period: %v", err)
	}
}
