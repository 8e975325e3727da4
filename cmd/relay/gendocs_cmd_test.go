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
	if c := run([]string{"gendocs", dir}, &out, &out); c != 0 {
		t.Fatalf("exit %d: %s", c, out.String())
	}
	want := map[string]string{
		"man/relay.1":            `.TH "RELAY" "1"`,
		"man/relay-check.1":      "relay check",
		"man/relay-store-copy.1": "relay 1.4.0+3.gabc1234",
		"bash/relay":             "complete -o default -F __start_relay relay",
		"zsh/_relay":             "#compdef relay",
		"fish/relay.fish":        "complete -c relay",
	}
	for name, text := range want {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if !strings.Contains(string(b), text) {
			t.Errorf("%s lacks %q", name, text)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "man", "relay-gendocs.1")); err == nil {
		t.Error("the hidden gendocs command got a man page")
	}
}
