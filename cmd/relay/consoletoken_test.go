package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// console.token_file is found relative to the configuration, read into
// console.token, and its problems never show the token.
func TestConsoleTokenFileRelativeToTheConfig(t *testing.T) {
	dir := t.TempDir()
	const token = "s3cret-console-token-0123456789"
	os.WriteFile(filepath.Join(dir, "console.token"), []byte(token+"\n"), 0o600)
	cfg := filepath.Join(dir, "relay.yaml")
	os.WriteFile(cfg, []byte("store: s.db\nmapping: m.csv\nconsole: {token_file: console.token}\n"), 0o600)
	c, err := loadConfig(cfg)
	if err != nil || c.Console.Token.Reveal() != token || c.Console.TokenFile != "" {
		t.Fatalf("token %q file %q err %v", c.Console.Token.Reveal(), c.Console.TokenFile, err)
	}
	os.Chmod(filepath.Join(dir, "console.token"), 0o644)
	if _, err := loadConfig(cfg); err == nil || !strings.Contains(err.Error(), "chmod 600") || strings.Contains(err.Error(), token) {
		t.Fatalf("a world-readable token file: %v", err)
	}
	os.WriteFile(cfg, []byte("store: s.db\nmapping: m.csv\nconsole: {token_file: nope.token, token: x}\n"), 0o600)
	if _, err := loadConfig(cfg); err == nil || !strings.Contains(err.Error(), "keep one") {
		t.Fatalf("both token and token_file: %v", err)
	}
}
