package main

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"testing"

	"github.com/edged/edged/device/barcode/internal/gs1dict"
)

// TestGeneratedTableIsCurrent regenerates the table from the dictionary,
// when one is found above this directory, and compares it with the
// committed aitable_gen.go; on failure run `go generate ./device/barcode`.
func TestGeneratedTableIsCurrent(t *testing.T) {
	dict := findUp(t, filepath.Join("shared", "data", "gs1-syntax-dictionary.txt"))
	f, err := os.Open(dict)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries, err := gs1dict.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	sortEntries(entries)
	want, err := format.Source(render(entries))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../aitable_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("aitable_gen.go is stale; run go generate ./device/barcode")
	}
}

func findUp(t *testing.T, rel string) string {
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, rel)); err == nil {
			return filepath.Join(dir, rel)
		}
		if filepath.Dir(dir) == dir {
			t.Skipf("%s not found above this directory", rel)
		}
		dir = filepath.Dir(dir)
	}
}
