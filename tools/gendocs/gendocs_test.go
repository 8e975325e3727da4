package gendocs

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

func tree() *cobra.Command {
	root := &cobra.Command{Use: "tool", Short: "a tool", Version: "2.0.0+1.gabc"}
	sub := &cobra.Command{Use: "sub", Short: "a subcommand", Run: func(*cobra.Command, []string) {}}
	sub.Flags().String("speed", "slow", "how fast")
	root.AddCommand(sub, &cobra.Command{Use: "secret", Hidden: true, Run: func(*cobra.Command, []string) {}})
	return root
}

func TestWriteCoversTheTreeButNotHiddenCommands(t *testing.T) {
	dir := t.TempDir()
	if err := Write(tree(), dir); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "man", "tool-sub.1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`.TH "TOOL-SUB" "1"`, `"tool 2.0.0+1.gabc"`, `\fB--speed\fP="slow"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("tool-sub.1 lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(string(page), "Auto generated") {
		t.Error("the page has the dated auto-generated footer")
	}
	if _, err := os.Stat(filepath.Join(dir, "man", "tool-secret.1")); err == nil {
		t.Error("a hidden command got a man page")
	}
	for _, name := range []string{"bash/tool", "zsh/_tool", "fish/tool.fish"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || len(b) == 0 {
			t.Errorf("%s: %v (%d bytes)", name, err, len(b))
		}
	}
}

func TestWriteIsReproducibleWithSourceDateEpoch(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	a, b := t.TempDir(), t.TempDir()
	if err := Write(tree(), a); err != nil {
		t.Fatal(err)
	}
	if err := Write(tree(), b); err != nil {
		t.Fatal(err)
	}
	pa, _ := os.ReadFile(filepath.Join(a, "man", "tool.1"))
	pb, _ := os.ReadFile(filepath.Join(b, "man", "tool.1"))
	if len(pa) == 0 || !bytes.Equal(pa, pb) || !strings.Contains(string(pa), "Nov 2023") {
		t.Errorf("pages differ or lack the epoch's date:\n%s\n%s", pa, pb)
	}
}

func TestWriteReportsAnUnwritableDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(tree(), file); err == nil || !strings.Contains(err.Error(), "man pages") {
		t.Errorf("err = %v, want a man pages error", err)
	}
}
