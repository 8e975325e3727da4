package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/server"
)

// platform is a fake channel: its authorisation page would redirect back
// with the state and a code, which it exchanges for a token.
type platform struct{ codes []string }

func (p *platform) AuthURL(state, redirect string) string {
	return "https://platform.example/authorize?" + url.Values{"state": {state}, "redirect_uri": {redirect}}.Encode()
}

func (p *platform) Exchange(ctx context.Context, q url.Values) (relay.Token, error) {
	p.codes = append(p.codes, q.Get("code"))
	now := time.Now()
	return relay.Token{Channel: relay.Shopee, Shop: q.Get("shop_id"), Access: "access-sekrit", Refresh: "refresh-sekrit",
		Scopes: []string{"item", "order"}, Obtained: now, AccessExpires: now.Add(4 * time.Hour), RefreshExpires: now.Add(30 * 24 * time.Hour)}, nil
}

func (p *platform) Refresh(ctx context.Context, t relay.Token) (relay.Token, error) {
	return relay.Token{}, fmt.Errorf("platform: no refresh")
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// connectConfig writes a relay configuration on a bbolt store with a
// secrets key.
func connectConfig(t *testing.T) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "m.csv"), []byte(copyMapping), 0o644)
	os.WriteFile(filepath.Join(dir, "secrets.key"), bytes.Repeat([]byte{7}, 32), 0o600)
	cfg := filepath.Join(dir, "relay.yaml")
	os.WriteFile(cfg, []byte("mapping: m.csv\nstore: "+filepath.Join(dir, "relay.db")+"\nhttp: {listen: \"127.0.0.1:0\"}\n"+
		"secrets: {key_file: "+filepath.Join(dir, "secrets.key")+"}\n"), 0o644)
	return cfg
}

// startConnect runs `relay connect shopee` with p as the platform and
// returns the state and redirect of the page it printed, and its exit
// code.
func startConnect(t *testing.T, cfg string, p *platform, out *lockedBuffer) (state, redirect string, code chan int) {
	code = make(chan int, 1)
	fake := func(server.Channels, relay.Channel, *http.Client) (relay.Authorizer, error) { return p, nil }
	go func() {
		code <- runWith([]string{"connect", "shopee", "--config", cfg, "--timeout", "10s"}, out, out, fake)
	}()
	page := regexp.MustCompile(`https://platform\.example/authorize\?\S+`)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := page.FindString(out.String()); m != "" && strings.Contains(out.String(), "Waiting for the redirect") {
			u, _ := url.Parse(m)
			return u.Query().Get("state"), u.Query().Get("redirect_uri"), code
		}
	}
	t.Fatalf("no authorisation page printed:\n%s", out.String())
	return
}

func TestConnectStoresTheTokenSealed(t *testing.T) {
	p := &platform{}
	cfg := connectConfig(t)
	var out lockedBuffer
	state, redirect, code := startConnect(t, cfg, p, &out)
	if !strings.HasSuffix(redirect, "/connect/shopee/callback") {
		t.Fatalf("redirect %q", redirect)
	}
	resp, err := http.Get(redirect + "?" + url.Values{"state": {state}, "code": {"c0de"}, "shop_id": {"8001"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("the redirect was answered %s", resp.Status)
	}
	if c := <-code; c != 0 || !strings.Contains(out.String(), "OK shopee connected: shop 8001") ||
		!strings.Contains(out.String(), "item, order") || !strings.Contains(out.String(), "expires in 3 hours") {
		t.Fatalf("exit %d:\n%s", c, out.String())
	}
	if len(p.codes) != 1 || p.codes[0] != "c0de" {
		t.Errorf("codes exchanged: %v", p.codes)
	}
	db, _ := os.ReadFile(filepath.Join(filepath.Dir(cfg), "relay.db"))
	if bytes.Contains(db, []byte("sekrit")) {
		t.Error("the store holds the token in clear")
	}
	var list bytes.Buffer
	if c := run([]string{"connections", "--config", cfg}, &list, &list); c != 0 {
		t.Fatalf("connections: exit %d: %s", c, list.String())
	}
	for _, want := range []string{"shopee", "8001", "item,order", "expires in 3 hours", "expires in 29 days"} {
		if !strings.Contains(list.String(), want) {
			t.Errorf("connections lacks %q:\n%s", want, list.String())
		}
	}
	if strings.Contains(list.String()+out.String(), "sekrit") {
		t.Errorf("a token was printed:\n%s\n%s", out.String(), list.String())
	}
}

func TestConnectRefusesAnotherState(t *testing.T) {
	p := &platform{}
	cfg := connectConfig(t)
	var out lockedBuffer
	_, redirect, code := startConnect(t, cfg, p, &out)
	resp, err := http.Get(redirect + "?state=forged&code=c0de&shop_id=666")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a forged state was answered %s, want 400", resp.Status)
	}
	if c := <-code; c != 1 || !strings.Contains(out.String(), "state does not match") {
		t.Errorf("exit %d:\n%s", c, out.String())
	}
	if len(p.codes) != 0 {
		t.Errorf("a code with a forged state was exchanged: %v", p.codes)
	}
	var list bytes.Buffer
	if run([]string{"connections", "--config", cfg}, &list, &list); !strings.Contains(list.String(), "no connections") {
		t.Errorf("connections after a refused redirect:\n%s", list.String())
	}
}

func TestCheckExplainsTheSecretsKey(t *testing.T) {
	cfg := connectConfig(t)
	key := filepath.Join(filepath.Dir(cfg), "secrets.key")
	var out bytes.Buffer
	if c := run([]string{"check", "--config", cfg}, &out, &out); c != 0 {
		t.Fatalf("a good key: exit %d: %s", c, out.String())
	}
	os.Chmod(key, 0o644)
	out.Reset()
	if c := run([]string{"check", "--config", cfg}, &out, &out); c != 1 || !strings.Contains(out.String(), "chmod 600") {
		t.Errorf("a world-readable key: exit %d: %s", c, out.String())
	}
	os.Remove(key)
	out.Reset()
	if c := run([]string{"check", "--config", cfg}, &out, &out); c != 1 || !strings.Contains(out.String(), "head -c 32 /dev/urandom") {
		t.Errorf("a missing key: exit %d: %s", c, out.String())
	}
}
