package main

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edged/edged/relay/server"
)

func TestLoadKeySaysHowToFix(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "secrets.key")
	if _, err := loadKey(server.SecretsConfig{KeyFile: missing}, nil); err == nil || !strings.Contains(err.Error(), "head -c 32 /dev/urandom") {
		t.Errorf("missing file: %v", err)
	}
	os.WriteFile(missing, []byte("short-secret"), 0o600)
	if _, err := loadKey(server.SecretsConfig{KeyFile: missing}, nil); err == nil ||
		strings.Contains(err.Error(), "short-secret") || !strings.Contains(err.Error(), missing) {
		t.Errorf("bad file: %v", err)
	}
	env := server.SecretsConfig{KeyEnv: "RELAY_KEY"}
	none := func(string) (string, bool) { return "", false }
	if _, err := loadKey(env, none); err == nil || !strings.Contains(err.Error(), "RELAY_KEY") {
		t.Errorf("unset variable: %v", err)
	}
	want := bytes.Repeat([]byte{7}, 32)
	hexKey := func(string) (string, bool) { return hex.EncodeToString(want), true }
	if k, err := loadKey(env, hexKey); err != nil || !bytes.Equal(k, want) {
		t.Errorf("from the environment: %v", err)
	}
	if _, err := loadKey(server.SecretsConfig{}, nil); !errors.Is(err, errNoKey) {
		t.Errorf("no source: %v", err)
	}
	if k, err := configuredKey(server.SecretsConfig{}); k != nil || err != nil {
		t.Errorf("no key configured: %x, %v", k, err)
	}
}

// A world-readable key file given relative to the configuration is found
// there, and reported together with the configuration's other problems.
func TestKeyFileProblemsComeWithTheOthers(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "secrets.key"), bytes.Repeat([]byte{1}, 32), 0o644)
	cfg := filepath.Join(dir, "relay.yaml")
	os.WriteFile(cfg, []byte("store: s.db\nmapping: m.csv\nsecrets: {key_file: secrets.key, refresh_warn_days: 900}\n"), 0o600)
	_, err := loadConfig(cfg)
	if err == nil {
		t.Fatal("a world-readable key and a bad refresh_warn_days passed")
	}
	for _, want := range []string{"chmod 600 " + filepath.Join(dir, "secrets.key"), "refresh_warn_days"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}
