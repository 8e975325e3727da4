package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func runPrintCommands(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := newPrintCommandsCmd()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

var pageObj = regexp.MustCompile(`/Type /Page[^s]`)

// TestPrintCommandsWritesAPDFWithBarcodes: 10 commands, 10 quantities and
// 5 locations make 25 barcode images on 3 pages (12 per page).
func TestPrintCommandsWritesAPDFWithBarcodes(t *testing.T) {
	for _, sym := range []string{"code128", "qr"} {
		path := filepath.Join(t.TempDir(), "sheet.pdf")
		out, err := runPrintCommands(t, "--out", path, "--symbology", sym, "--location", "A-01-01,A-01-02",
			"--location", "B-01-01", "--location", "B-01-02", "--location", "DOCK")
		if err != nil {
			t.Fatal(err)
		}
		pdf, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "25 barcodes") || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("%s: output %q", sym, out)
		}
		if n := len(pageObj.FindAll(pdf, -1)); n != 3 {
			t.Errorf("%s: %d pages, want 3", sym, n)
		}
		if n := bytes.Count(pdf, []byte("/Subtype /Image")); n != 25 {
			t.Errorf("%s: %d images, want 25", sym, n)
		}
	}
}

func TestPrintCommandsRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{},
		{"--out", filepath.Join(dir, "a.pdf"), "--symbology", "ean13"},
		{"--out", filepath.Join(dir, "b.pdf"), "--quantity", "0"},
		{"--out", filepath.Join(dir, "c.pdf"), "--command-prefix", "LOC:"},
		{"--out", filepath.Join(dir, "missing", "d.pdf")},
	} {
		if _, err := runPrintCommands(t, args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("failed runs left files: %v", ents)
	}
}
