package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseTakesMediansAndRatios(t *testing.T) {
	data, err := os.ReadFile("testdata/bench.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := parse(string(data))
	if got, _ := r.median("github.com/edged/edged/ledger LedgerAppendParallel", "events/s"); got != 18605 {
		t.Fatalf("median events/s = %v, want 18605 (the middle of three runs)", got)
	}
	if got, _ := r.median("github.com/edged/edged/ledger LedgerAppendNaive", "events/s"); got != 2235.5 {
		t.Fatalf("median of two runs = %v, want their mean 2235.5", got)
	}
	body, err := render(r, []string{"LedgerAppendParallel,LedgerAppendNaive:events/s", "Missing,LedgerAppendNaive:events/s"},
		time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC), "go1.26.8")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| LedgerAppendParallel / LedgerAppendNaive | events/s | 18605 | 2236 | 8.32 |",
		"| Missing / LedgerAppendNaive | events/s | not measured", "| GS1Parse/ours | 1 | 0 B/op, 0 allocs/op, 495 ns/op |",
		"Intel(R) Xeon(R) Processor"} {
		if !strings.Contains(body, want) {
			t.Errorf("render lacks %q:\n%s", want, body)
		}
	}
}

func TestReplaceBetweenMarkersKeepsTheRest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.md")
	os.WriteFile(path, []byte("intro\n<!-- bench:begin -->\nold\n<!-- bench:end -->\noutro\n"), 0o644)
	if err := replaceBetweenMarkers(path, "new\n"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := "intro\n<!-- bench:begin -->\nnew\n<!-- bench:end -->\noutro\n"; string(got) != want {
		t.Fatalf("got %q", got)
	}
	os.WriteFile(path, []byte("no markers"), 0o644)
	if err := replaceBetweenMarkers(path, "x"); err == nil {
		t.Fatal("a file without markers was accepted")
	}
}
