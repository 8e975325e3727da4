package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/device/barcode"
)

var refTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func runBarcodeParse(t *testing.T, stdin string, args ...string) (barcode.Report, error) {
	t.Helper()
	cmd := newBarcodeParseCmd(func() time.Time { return refTime })
	var out bytes.Buffer
	cmd.SetIn(strings.NewReader(stdin))
	cmd.SetOut(&out)
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetArgs(args)
	err := cmd.Execute()
	var rep barcode.Report
	if jerr := json.Unmarshal(out.Bytes(), &rep); jerr != nil {
		t.Fatalf("output is not a JSON report: %v\n%s", jerr, out.Bytes())
	}
	return rep, err
}

func TestBarcodeParseArgument(t *testing.T) {
	rep, err := runBarcodeParse(t, "", `]C10109506000134352<GS>17201225\x1d10ABC`)
	if err != nil || !rep.Valid || rep.AIMID != "]C1" || rep.GTIN != "09506000134352" || len(rep.Elements) != 3 {
		t.Errorf("report %+v, error %v", rep, err)
	}
	if rep.Elements[1].Date != "2020-12-25" {
		t.Errorf("date = %q", rep.Elements[1].Date)
	}
}

func TestBarcodeParseStdinInvalidExitsOne(t *testing.T) {
	rep, err := runBarcodeParse(t, "]C1010950600013435217251232\n", "--raw")
	var ec interface{ ExitCode() int }
	if !errors.As(err, &ec) || ec.ExitCode() != 1 {
		t.Fatalf("error = %v, want an exit code 1 error", err)
	}
	if rep.Valid || len(rep.Errors) != 1 || rep.Errors[0].Kind != "date" || rep.Errors[0].AI != "17" {
		t.Errorf("report %+v", rep)
	}
}

func TestBarcodeParseHex(t *testing.T) {
	rep, err := runBarcodeParse(t, "5d 45 30 35 39 30 31 32 33 34 31 32 33 34 35 37\n", "--hex")
	if err != nil || rep.Form != barcode.FormGTIN || rep.GTIN != "05901234123457" {
		t.Errorf("report %+v, error %v", rep, err)
	}
}

func TestBarcodeInputErrors(t *testing.T) {
	for _, args := range [][]string{{`ab\x4`}, {"--hex", "zz"}} {
		cmd := newBarcodeParseCmd(time.Now)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		cmd.SetArgs(args)
		err := cmd.Execute()
		var ec interface{ ExitCode() int }
		if err == nil || errors.As(err, &ec) {
			t.Errorf("%v: error = %v, want a usage error", args, err)
		}
	}
}
