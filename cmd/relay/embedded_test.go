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
	"golang.org/x/crypto/bcrypt"
)

func writeConfig(t *testing.T, mqtt string) string {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "relay.yaml")
	mapping, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "relay", "mapping.csv"))
	body := "store: " + filepath.Join(dir, "relay.db") + "\nmapping: " + mapping + "\nhttp: {listen: \"127.0.0.1:0\"}\nmqtt:\n" + mqtt
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func bcryptOf(t *testing.T, pw string) string {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}

// TestRelayConnectsToItsEmbeddedBrokerAsAUser: with embedded_users the
// relay's own client gets in with mqtt.username and mqtt.password.
func TestRelayConnectsToItsEmbeddedBrokerAsAUser(t *testing.T) {
	path := writeConfig(t, "  embedded: 127.0.0.1:0\n  username: relay\n  password: relay-pw\n  embedded_users:\n"+
		"    - {name: relay, password_hash: '"+bcryptOf(t, "relay-pw")+"'}\n")
	c, err := loadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := &cobra.Command{}
	logs := &lockedBuffer{}
	cmd.SetErr(logs)
	done := make(chan error, 1)
	go func() { done <- runRelay(ctx, cmd, c) }()
	for !strings.Contains(logs.String(), "deltas subscribed") && ctx.Err() == nil {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil || !strings.Contains(logs.String(), "deltas subscribed") {
		t.Fatalf("the relay did not subscribe through its embedded broker: %v\n%s", err, logs.String())
	}
	if strings.Contains(logs.String(), "relay-pw") {
		t.Fatal("the password was logged")
	}
}

func TestRelayRefusesAWrongOwnPassword(t *testing.T) {
	path := writeConfig(t, "  embedded: 127.0.0.1:0\n  username: relay\n  password: not-it\n  embedded_users:\n"+
		"    - {name: relay, password_hash: '"+bcryptOf(t, "relay-pw")+"'}\n")
	c, err := loadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	err = runRelay(context.Background(), &cobra.Command{}, c)
	if err == nil || !strings.Contains(err.Error(), "mqtt.password does not match") || strings.Contains(err.Error(), "not-it") {
		t.Fatalf("wrong own password: %v", err)
	}
}

// TestCheckRefusesAnAnonymousBrokerBeyondLoopback: relay check says what
// is wrong and both ways to fix it; with users it passes.
func TestCheckRefusesAnAnonymousBrokerBeyondLoopback(t *testing.T) {
	var out bytes.Buffer
	path := writeConfig(t, "  embedded: 0.0.0.0:1883\n")
	want := "mqtt.embedded 0.0.0.0:1883 listens beyond this machine; configure mqtt.embedded_users or listen on 127.0.0.1"
	if code := run([]string{"check", "--config", path}, &out, &out); code != 1 || !strings.Contains(out.String(), want) {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	out.Reset()
	path = writeConfig(t, "  embedded: 0.0.0.0:1883\n  username: relay\n  password: pw\n  embedded_users:\n"+
		"    - {name: relay, password_hash: '"+bcryptOf(t, "pw")+"'}\n    - {name: gw-a, password_hash: plain}\n")
	if code := run([]string{"check", "--config", path}, &out, &out); code != 1 || !strings.Contains(out.String(), "mqtt.embedded_users[1].password_hash") ||
		strings.Contains(out.String(), "listens beyond") {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	out.Reset()
	path = writeConfig(t, "  embedded_users:\n    - {name: gw-a, password_hash: '"+bcryptOf(t, "pw")+"'}\n")
	if code := run([]string{"check", "--config", path}, &out, &out); code != 1 || !strings.Contains(out.String(), "mqtt.username") {
		t.Fatalf("relay not among the users: exit %d: %s", code, out.String())
	}
}
