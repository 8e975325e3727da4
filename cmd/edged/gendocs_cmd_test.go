package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGendocsWritesPagesAndCompletionsForTheWholeTree(t *testing.T) {
	old := buildVersion
	buildVersion = "1.4.0+3.gabc1234"
	defer func() { buildVersion = old }()
	dir := t.TempDir()
	var out bytes.Buffer
	if c := run([]string{"gendocs", dir}, strings.NewReader(""), &out, &out); c != 0 {
		t.Fatalf("exit %d: %s", c, out.String())
	}
	want := map[string]string{
		"man/edged.1":              `.TH "EDGED" "1"`,
		"man/edged-config-check.1": "edged config check",
		"man/edged-ledger.1":       "edged 1.4.0+3.gabc1234",
		"bash/edged":               "complete -o default -F __start_edged edged",
		"zsh/_edged":               "#compdef edged",
		"fish/edged.fish":          "complete -c edged",
	}
	for name, text := range want {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if !strings.Contains(string(b), text) {
			t.Errorf("%s lacks %q", name, text)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "man", "edged-gendocs.1")); err == nil {
		t.Error("the hidden gendocs command got a man page")
	}
}
