package barcode

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden .json files in testdata/barcode")

// goldenRef fixes "now" for the century window so golden dates never move.
var goldenRef = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// TestGolden decodes each testdata/barcode/NAME.input (the exact bytes a
// scanner sends, framing removed) and compares the report with NAME.json.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("../../testdata/barcode/*.input")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden inputs found: %v", err)
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".input")
		t.Run(name, func(t *testing.T) { checkGolden(t, in) })
	}
}

func checkGolden(t *testing.T, in string) {
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	var d Decoder
	r, derr := d.Decode(data)
	got, err := json.MarshalIndent(NewReport(r, derr, goldenRef), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := strings.TrimSuffix(in, ".input") + ".json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("report differs from %s (run with -update if intended):\n%s", golden, got)
	}
	if strings.HasPrefix(filepath.Base(in), "err-") == (derr == nil) {
		t.Errorf("err- prefix says invalid, Decode returned %v", derr)
	}
}
