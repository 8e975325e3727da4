package shopify_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/simkit"
)

const clientID = "edged-app"

type authRig struct {
	sim    *shopifysim.Sim
	clock  *simkit.Clock
	auth   *shopify.Auth
	client *shopify.Client
	srv    string
}

// newAuthRig starts a simulator issuing expiring tokens (1 h) and a client
// configured without any token.
func newAuthRig(t *testing.T) authRig {
	clock := simkit.NewClock(time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC))
	sim := shopifysim.New(shopifysim.Config{ClientID: clientID, ClientSecret: secret, TokenTTL: time.Hour, Now: clock.Now,
		BucketSize: 10000, RestoreRate: 10000})
	srv := sim.Start()
	t.Cleanup(srv.Close)
	cfg := shopify.Config{BaseURL: srv.URL, ClientID: clientID, ClientSecret: secret, Shop: "edged-sim.myshopify.com",
		ExpiringTokens: true, RatePerSecond: 1000}
	auth, err := shopify.NewAuth(cfg, srv.Client(), clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	c, err := shopify.New(cfg, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	sim.AddItem(gid("InventoryItem", 1), gid("Location", 1), "1", 5, false)
	return authRig{sim, clock, auth, c, srv.URL}
}

// authorize opens the grant page and returns the redirect's query.
func authorize(t *testing.T, authURL string) url.Values {
	t.Helper()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || !strings.HasPrefix(loc.String(), "http://127.0.0.1:9/callback") {
		t.Fatalf("authorize: %s, Location %q", resp.Status, resp.Header.Get("Location"))
	}
	return loc.Query()
}

func (r authRig) connect(t *testing.T) relay.Token {
	t.Helper()
	q := authorize(t, r.auth.AuthURL("st4te", "http://127.0.0.1:9/callback"))
	if q.Get("state") != "st4te" || q.Get("code") == "" {
		t.Fatalf("redirect query %v", q)
	}
	tok, err := r.auth.Exchange(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func (r authRig) push(q int64) error {
	return r.client.Push(context.Background(), []relay.Item{it(1, q)})[0].Err
}

func isRefused(err error) bool {
	return errors.Is(err, relay.ErrAuth) && errors.Is(err, relay.ErrPermanent)
}

func TestConnectAuthorizeRedirectExchange(t *testing.T) {
	r := newAuthRig(t)
	if u := r.auth.AuthURL("s", "http://127.0.0.1:9/callback"); !strings.Contains(u, "/admin/oauth/authorize?") ||
		!strings.Contains(u, "client_id="+clientID) || !strings.Contains(u, "scope=write_inventory%2C") {
		t.Errorf("AuthURL %s", u)
	}
	if err := r.push(1); !isRefused(err) {
		t.Errorf("push without a token: %v", err)
	}
	tok := r.connect(t)
	now := r.clock.Now()
	if tok.Channel != relay.Shopify || tok.Shop != "edged-sim.myshopify.com" || tok.Access == "" || tok.Refresh == "" ||
		!tok.Obtained.Equal(now) || !tok.AccessExpires.Equal(now.Add(time.Hour)) || tok.RefreshExpires.IsZero() ||
		len(tok.Scopes) != 3 {
		t.Errorf("token %+v", tok)
	}
	r.client.SetToken(tok)
	if err := r.push(3); err != nil {
		t.Fatal(err)
	}
	if got := get(r.sim, 1); got != 3 {
		t.Errorf("available %d after push", got)
	}
}

func TestConnectRefusesReusedCodeAndForgedRedirect(t *testing.T) {
	r := newAuthRig(t)
	q := authorize(t, r.auth.AuthURL("s", "http://127.0.0.1:9/callback"))
	if _, err := r.auth.Exchange(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if _, err := r.auth.Exchange(context.Background(), q); !isRefused(err) {
		t.Errorf("code used twice: %v", err)
	}
	q = authorize(t, r.auth.AuthURL("s", "http://127.0.0.1:9/callback"))
	q.Set("shop", "evil.myshopify.com")
	if _, err := r.auth.Exchange(context.Background(), q); !errors.Is(err, relay.ErrBadSignature) {
		t.Errorf("forged redirect: %v", err)
	}
	q = authorize(t, r.auth.AuthURL("s", "http://127.0.0.1:9/callback"))
	r.clock.Advance(11 * time.Minute)
	if _, err := r.auth.Exchange(context.Background(), q); !isRefused(err) {
		t.Errorf("stale code: %v", err)
	}
}

func TestRefreshBeforeAndAfterExpiry(t *testing.T) {
	r := newAuthRig(t)
	ctx := context.Background()
	tok := r.connect(t)
	r.client.SetToken(tok)
	r.clock.Advance(50 * time.Minute)
	next, err := r.auth.Refresh(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	if next.Access == tok.Access || next.Refresh == tok.Refresh || !next.AccessExpires.Equal(r.clock.Now().Add(time.Hour)) {
		t.Errorf("refreshed token %+v", next)
	}
	if err := r.push(2); !isRefused(err) {
		t.Errorf("replaced access token still works: %v", err)
	}
	if !strings.Contains(r.push(2).Error(), "relay connect shopify") {
		t.Errorf("message does not say what to do: %v", r.push(2))
	}
	r.client.SetToken(next)
	if err := r.push(2); err != nil {
		t.Fatal(err)
	}
	if _, err := r.auth.Refresh(ctx, tok); !isRefused(err) {
		t.Errorf("consumed refresh token reused: %v", err)
	}
	r.clock.Advance(2 * time.Hour)
	if err := r.push(4); !isRefused(err) {
		t.Errorf("expired access token: %v", err)
	}
	last, err := r.auth.Refresh(ctx, next)
	if err != nil {
		t.Fatal(err)
	}
	r.client.SetToken(last)
	if err := r.push(4); err != nil || get(r.sim, 1) != 4 {
		t.Errorf("push after refresh: %v, available %d", err, get(r.sim, 1))
	}
}

func TestRevokedIsPermanent(t *testing.T) {
	r := newAuthRig(t)
	tok := r.connect(t)
	r.client.SetToken(tok)
	r.sim.Revoke()
	if err := r.push(1); !isRefused(err) || relay.Retryable(err) {
		t.Errorf("push after revoke: %v", err)
	}
	if _, err := r.auth.Refresh(context.Background(), tok); !isRefused(err) || !strings.Contains(err.Error(), "relay connect shopify") {
		t.Errorf("refresh after revoke: %v", err)
	}
	tok = r.connect(t)
	r.client.SetToken(tok)
	if err := r.push(1); err != nil {
		t.Errorf("push after reconnecting: %v", err)
	}
}

func TestNonExpiringTokenRefreshIsNoop(t *testing.T) {
	tok := relay.Token{Channel: relay.Shopify, Access: "shpat_x"}
	a, err := shopify.NewAuth(shopify.Config{BaseURL: "https://edged-sim.myshopify.com", ClientID: clientID, ClientSecret: secret}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := a.Refresh(context.Background(), tok); err != nil || got.Access != tok.Access {
		t.Errorf("refresh of an offline token: %+v, %v", got, err)
	}
}

func TestConfigWithoutTokenOrClientID(t *testing.T) {
	if err := (shopify.Config{BaseURL: "https://x.myshopify.com"}).Validate(); err != nil {
		t.Errorf("config without token refused: %v", err)
	}
	_, err := shopify.NewAuth(shopify.Config{BaseURL: "https://x.myshopify.com", Shop: "x.example.com"}, nil, nil)
	for _, want := range []string{"shopify.client_id", "shopify.client_secret", "shopify.shop"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NewAuth error %v lacks %s", err, want)
		}
	}
}
