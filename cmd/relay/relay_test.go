package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

func TestShippedExampleChecks(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"check", "--config", "../../firmware-config/relay/relay.example.yaml"}, &out, &out); code != 0 {
		t.Fatalf("exit %d: %s", code, out.String())
	}
}

func TestCheckNamesBadKeysAndMapping(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "relay.yaml")
	os.WriteFile(cfg, []byte("mapping: m.csv\nstok: {}\n"), 0o644)
	var out bytes.Buffer
	if code := run([]string{"check", "--config", cfg}, &out, &out); code != 1 || !strings.Contains(out.String(), "relay.yaml:2: stok: unknown key (did you mean stock?)") {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	os.WriteFile(cfg, []byte("mapping: m.csv\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "m.csv"), []byte("channel,sku\nshopify\n"), 0o644)
	out.Reset()
	if code := run([]string{"check", "--config", cfg}, &out, &out); code != 1 || !strings.Contains(out.String(), "m.csv") {
		t.Fatalf("bad mapping: exit %d: %s", code, out.String())
	}
}

// relay run starts with an embedded broker and stops cleanly.
func TestRunWithEmbeddedBroker(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "relay.yaml")
	os.WriteFile(cfg, []byte("store: "+filepath.Join(dir, "relay.db")+`
mapping: `+filepath.Join("..", "..", "testdata", "relay", "mapping.csv")+`
mqtt: {embedded: "127.0.0.1:0"}
http: {listen: "127.0.0.1:0"}
`), 0o644)
	c, err := loadConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.Mapping = filepath.Join("..", "..", "testdata", "relay", "mapping.csv")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	cmd := &cobra.Command{}
	var logs bytes.Buffer
	cmd.SetErr(&logs)
	if err := runRelay(ctx, cmd, c); err != nil {
		t.Fatalf("%v\n%s", err, logs.String())
	}
	if !strings.Contains(logs.String(), "relay running") {
		t.Fatalf("logs:\n%s", logs.String())
	}
}
