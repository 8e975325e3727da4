package lazada_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/simkit"
)

type authRig struct {
	sim   *lazadasim.Sim
	clock *simkit.Clock
	auth  *lazada.Auth
	c     *lazada.Client
}

// newAuthRig starts a simulator with 7-day access and 30-day refresh
// tokens, and a client configured without a token.
func newAuthRig(t *testing.T) authRig {
	clock := simkit.NewClock(time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC))
	sim := lazadasim.New(lazadasim.Config{AppKey: "123456", AppSecret: "helloworld", SellerID: "1234567", Now: clock.Now})
	srv := sim.Start()
	t.Cleanup(srv.Close)
	cfg := lazada.Config{BaseURL: srv.URL + "/rest", AuthURL: srv.URL + "/rest", AppKey: "123456", AppSecret: "helloworld", RatePerSecond: 50}
	auth, err := lazada.NewAuth(cfg, srv.Client(), clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	c, err := lazada.New(cfg, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Now = clock.Now
	sim.AddSKU("900", "1", "S1", "", 5, 0)
	return authRig{sim, clock, auth, c}
}

func (r authRig) connect(t *testing.T) relay.Token {
	t.Helper()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(r.auth.AuthURL("st4te", "http://127.0.0.1:9/callback"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound || loc.Query().Get("state") != "st4te" {
		t.Fatalf("authorize: %s, Location %q", resp.Status, resp.Header.Get("Location"))
	}
	tok, err := r.auth.Exchange(context.Background(), loc.Query())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func (r authRig) push(q int64) error {
	return r.c.Push(context.Background(), []relay.Item{item(1, q, "")})[0].Err
}

func isRefused(err error) bool {
	return errors.Is(err, relay.ErrAuth) && errors.Is(err, relay.ErrPermanent) && strings.Contains(err.Error(), "relay connect lazada")
}

func TestConnectAuthorizeRedirectExchange(t *testing.T) {
	r := newAuthRig(t)
	u := r.auth.AuthURL("s", "http://127.0.0.1:9/cb")
	for _, want := range []string{"/oauth/authorize?", "response_type=code", "force_auth=true", "client_id=123456", "state=s"} {
		if !strings.Contains(u, want) {
			t.Errorf("AuthURL %s lacks %s", u, want)
		}
	}
	if err := r.push(1); !isRefused(err) {
		t.Errorf("push without a token: %v", err)
	}
	tok := r.connect(t)
	now := r.clock.Now()
	if tok.Channel != relay.Lazada || tok.Shop != "1234567" || tok.Access == "" || tok.Refresh == "" || !tok.Obtained.Equal(now) ||
		!tok.AccessExpires.Equal(now.Add(7*24*time.Hour)) || !tok.RefreshExpires.Equal(now.Add(30*24*time.Hour)) ||
		tok.Extra["country"] != "sg" || tok.Extra["account"] == "" {
		t.Errorf("token %+v", tok)
	}
	r.c.SetToken(tok)
	if err := r.push(3); err != nil {
		t.Fatal(err)
	}
	if l, _ := r.sim.Stock.Get("1"); l.Available != 3 {
		t.Errorf("sellable %d", l.Available)
	}
	if _, err := r.auth.Exchange(context.Background(), url.Values{"code": {"code-used-or-unknown"}}); !isRefused(err) {
		t.Errorf("unknown code: %v", err)
	}
}

func TestRefreshBeforeAndAfterExpiry(t *testing.T) {
	r := newAuthRig(t)
	ctx := context.Background()
	tok := r.connect(t)
	r.c.SetToken(tok)
	r.clock.Advance(6 * 24 * time.Hour)
	next, err := r.auth.Refresh(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	if next.Refresh == tok.Refresh || next.Extra["country"] != "sg" {
		t.Errorf("refreshed %+v", next)
	}
	if err := r.push(2); !isRefused(err) || !strings.Contains(err.Error(), "IllegalAccessToken") {
		t.Errorf("replaced access token: %v", err)
	}
	r.c.SetToken(next)
	if err := r.push(2); err != nil {
		t.Fatal(err)
	}
	if _, err := r.auth.Refresh(ctx, tok); !isRefused(err) {
		t.Errorf("consumed refresh token reused: %v", err)
	}
	r.clock.Advance(8 * 24 * time.Hour)
	if err := r.push(4); !isRefused(err) {
		t.Errorf("expired access token: %v", err)
	}
	last, err := r.auth.Refresh(ctx, next)
	if err != nil {
		t.Fatal(err)
	}
	r.c.SetToken(last)
	if err := r.push(4); err != nil {
		t.Fatal(err)
	}
	r.clock.Advance(31 * 24 * time.Hour)
	if _, err := r.auth.Refresh(ctx, last); !isRefused(err) {
		t.Errorf("expired refresh token: %v", err)
	}
}

func TestRevokedIsPermanent(t *testing.T) {
	r := newAuthRig(t)
	tok := r.connect(t)
	r.c.SetToken(tok)
	r.sim.Revoke()
	if err := r.push(1); !isRefused(err) || relay.Retryable(err) {
		t.Errorf("push after revoke: %v", err)
	}
	if _, err := r.auth.Refresh(context.Background(), tok); !isRefused(err) {
		t.Errorf("refresh after revoke: %v", err)
	}
	r.c.SetToken(r.connect(t))
	if err := r.push(1); err != nil {
		t.Errorf("push after reconnecting: %v", err)
	}
}

func TestConfigWithoutToken(t *testing.T) {
	cfg := lazada.Config{BaseURL: "https://api.lazada.sg/rest", AppKey: "k", AppSecret: "s"}
	if err := cfg.Validate(); err != nil {
		t.Errorf("config without token refused: %v", err)
	}
	cfg.AuthURL = "auth.lazada.com"
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "lazada.auth_url") {
		t.Errorf("relative auth_url: %v", err)
	}
	a, _ := lazada.NewAuth(lazada.Config{BaseURL: "https://api.lazada.sg/rest", AppKey: "k", AppSecret: "s"}, nil, nil)
	if u := a.AuthURL("s", "https://r"); !strings.HasPrefix(u, "https://auth.lazada.com/oauth/authorize?") {
		t.Errorf("default AuthURL %s", u)
	}
}
