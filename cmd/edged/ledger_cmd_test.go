package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edged/edged/internal/mosquittotest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// edged runs one command line in-process against the ledger at db.
func edged(t *testing.T, db, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	args = append(args, "--db", db)
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenAt(t, filepath.Join("..", "..", "testdata", "ledger", name), got)
}

func goldenAt(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s--- want\n%s", path, got, want)
	}
}

func TestLedgerPostContract(t *testing.T) {
	db := filepath.Join(t.TempDir(), "l.db")
	in, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ledger", "post.in.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	out, stderr, code := edged(t, db, string(in), "ledger", "post")
	if rejected := strings.Count(out, `"rejected"`); code != 2 || rejected == 0 ||
		!strings.Contains(stderr, fmt.Sprintf("%d of %d lines rejected", rejected, strings.Count(out, "\n"))) {
		t.Fatalf("exit %d with %d rejected: %s", code, rejected, stderr)
	}
	golden(t, "post.out.jsonl", out)
	out, _, code = edged(t, db, "", "ledger", "balance")
	if code != 0 {
		t.Fatalf("balance exit %d", code)
	}
	golden(t, "balance.txt", out)
	out, _, _ = edged(t, db, "", "ledger", "log", "--sku", "SKU-1", "--json")
	if n := strings.Count(out, "\n"); n != 4 {
		t.Fatalf("log --sku SKU-1 printed %d events, want 4:\n%s", n, out)
	}
	if out, _, code = edged(t, db, "", "ledger", "verify"); code != 0 || !strings.HasPrefix(out, "OK ") {
		t.Fatalf("verify: exit %d %s", code, out)
	}
}

func TestLedgerPostOverlongLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "l.db")
	in := strings.Repeat("x", maxPostLine+10) + "\n" +
		`{"id":"r1","type":"receive","sku":"S","location":"A","qty":1,"unit_cost":1}` + "\n"
	out, _, code := edged(t, db, in, "ledger", "post")
	want := `{"line":1,"status":"rejected","error":"line longer than 65536 bytes; one event is far shorter"}` + "\n" +
		`{"line":2,"id":"r1","seq":1,"status":"ok"}` + "\n"
	if code != 2 || out != want {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
}

// A line of exactly the limit is read (and judged as JSON); an empty
// line gets its answer; a malformed line's answer names its id; an id
// that is not UTF-8 is refused, not rewritten into another id.
func TestLedgerPostLineEdges(t *testing.T) {
	db := filepath.Join(t.TempDir(), "l.db")
	good := `{"id":"r1","type":"receive","sku":"S","location":"A","qty":1,"unit_cost":1,"reason":"`
	exact := good + strings.Repeat("x", maxPostLine-len(good)-2) + `"}`
	in := exact + "\n\n" + `{"id":"r2","type":"receive","sku":"S","qty":"two"}` + "\n" +
		`{"id":"bad` + "\xff" + `","type":"receive","sku":"S","location":"A","qty":1,"unit_cost":1}` + "\r\n" +
		`{"id":"r3","type":"receive","sku":"S","location":"A","qty":1,"unit_cost":1}`
	out, stderr, code := edged(t, db, in, "ledger", "post")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 2 || len(lines) != 5 || !strings.Contains(stderr, "4 of 5 lines rejected") {
		t.Fatalf("exit %d, %d answers:\n%s\n%s", code, len(lines), out, stderr)
	}
	for i, want := range []string{
		`"line":1,"id":"r1","status":"rejected","error":"invalid event: reason is`, // read whole, refused for its length
		`"line":2,"status":"rejected","error":"empty line`,
		`"line":3,"id":"r2","status":"rejected"`,
		`"line":4,"status":"rejected","error":"invalid event: the line is not valid UTF-8 (byte offset 10)`,
		`"line":5,"id":"r3","seq":1,"status":"ok"`,
	} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("answer %d: %s\nwant it to contain %s", i+1, lines[i], want)
		}
	}
}

func TestImportBaselineAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "l.db")
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("sku,location,qty,unit_cost\nS1,A,5,1.00\nS2,A,five,1.00\nS1,A,3,1.00\n"), 0o644)
	_, stderr, code := edged(t, db, "", "ledger", "import-baseline", bad)
	for _, want := range []string{"nothing imported", "line 3: qty \"five\"", "line 4: S1 at A already appears on line 2"} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr %q: want %q", code, stderr, want)
		}
	}
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("sku,location,qty,unit_cost\nS1,A,5,1.00\nS2,A,7,2.50\n"), 0o644)
	for i, want := range []string{"imported 2 lines from " + good + " (0 already", "(2 already recorded)"} {
		out, stderr, code := edged(t, db, "", "ledger", "import-baseline", good)
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("import %d: exit %d %s %s", i, code, out, stderr)
		}
	}
	out, _, _ := edged(t, db, "", "ledger", "valuation")
	if !strings.Contains(out, "TOTAL") || !strings.Contains(out, "22.50") {
		t.Fatalf("valuation after import:\n%s", out)
	}
}

func TestCountCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "l.db")
	post := `{"id":"r1","type":"receive","sku":"S","location":"A","qty":10,"unit_cost":100}` + "\n"
	edged(t, db, post, "ledger", "post")
	steps := [][]string{
		{"ledger", "count", "start", "--id", "C1", "--location", "A", "--user", "sup"},
		{"ledger", "count", "record", "--id", "C1", "--sku", "S", "--location", "A", "--qty", "7", "--user", "kim"},
		{"ledger", "count", "finish", "--id", "C1"},
	}
	var out string
	for _, args := range steps {
		var stderr string
		var code int
		if out, stderr, code = edged(t, db, "", args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if args[2] == "record" && strings.Contains(out, "book") {
			t.Fatalf("%v revealed the book in a blind count: %s", args, out)
		}
	}
	if !strings.Contains(out, "S at A -3 (count C1: counted 7, book 10)") {
		t.Fatalf("finish output:\n%s", out)
	}
}

func TestVerifyFailsWithExitOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "not-a-ledger.db")
	os.WriteFile(path, bytes.Repeat([]byte{0xAB}, 8192), 0o644)
	_, stderr, code := edged(t, path, "", "ledger", "verify")
	if code != 1 || !strings.Contains(stderr, "not an edged ledger") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestDemoWalkthroughRunsClean(t *testing.T) {
	var out, errb bytes.Buffer
	keep := filepath.Join(t.TempDir(), "not", "yet") // --keep makes a missing directory
	if code := run([]string{"demo", "walkthrough", "--keep", keep}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("demo exit %d: %s", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(keep, "ledger.db")); err != nil {
		t.Errorf("the kept ledger: %v", err)
	}
	if !strings.Contains(out.String(), "Verify: OK") {
		t.Fatalf("demo output:\n%s", out.String())
	}
}

func TestLiveDemoSummary(t *testing.T) { liveDemo(t) }

// TestDemoEndToEndOverMosquitto is the demo scenario over a real
// mosquitto: gateway, relay and every marketplace agree at the end.
func TestDemoEndToEndOverMosquitto(t *testing.T) {
	liveDemo(t, "--broker", mosquittotest.Start(t, mosquittotest.Options{}).URL())
}

func liveDemo(t *testing.T, args ...string) {
	var out, errb bytes.Buffer
	if code := run(append([]string{"demo", "--duration", "4s", "--json-summary"}, args...), strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("demo exit %d: %s", code, errb.String())
	}
	var s demoSummary
	if err := json.Unmarshal(out.Bytes(), &s); err != nil {
		t.Fatalf("%v:\n%s", err, out.String())
	}
	// 2 baseline lines, then cartons received at the dock as they arrive;
	// the stopping gateway drains the uplink, so the relay has them all
	if !s.VerifyPassed || s.EventsRecorded < 4 || s.EventsAcked != s.EventsRecorded || s.Disagreeing != 0 {
		t.Fatalf("summary %+v", s)
	}
	// the relay pushed the quantities to all four simulated marketplaces
	for _, ch := range []string{"shopify", "lazada", "shopee", "tiktok"} {
		if s.Pushes[ch] == 0 {
			t.Errorf("no push to %s: %+v", ch, s.Pushes)
		}
	}
}
