package tiktok_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/simkit"
	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

type authRig struct {
	sim   *tiktoksim.Sim
	clock *simkit.Clock
	auth  *tiktok.Auth
	c     *tiktok.Client
}

// newAuthRig starts a simulator (7-day access, 30-day refresh tokens) and
// a client configured with neither token nor shop cipher.
func newAuthRig(t *testing.T) authRig {
	clock := simkit.NewClock(time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC))
	sim := tiktoksim.New(tiktoksim.Config{AppKey: appKey, AppSecret: secret, ShopCipher: cipher, ShopID: "7494049642642441621",
		ServiceID: "7310", RedirectURL: "http://127.0.0.1:9/callback", Now: clock.Now})
	srv := sim.Start()
	t.Cleanup(srv.Close)
	cfg := tiktok.Config{BaseURL: srv.URL, AuthURL: srv.URL, AuthorizeURL: srv.URL, ServiceID: "7310", AppKey: appKey, AppSecret: secret, RatePerSecond: 50}
	auth, err := tiktok.NewAuth(cfg, srv.Client(), clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	c, err := tiktok.New(cfg, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Now = clock.Now
	sim.AddSKU("1729382561353664372", "1729592969712207013", []string{"7068517275539719942"}, 5, 0)
	return authRig{sim, clock, auth, c}
}

func (r authRig) connect(t *testing.T) relay.Token {
	t.Helper()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(r.auth.AuthURL("st4te", ""))
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
	return r.c.Push(context.Background(), []relay.Item{it("1729382561353664372", "1729592969712207013", "7068517275539719942", q)})[0].Err
}

func isRefused(err error) bool {
	return errors.Is(err, relay.ErrAuth) && errors.Is(err, relay.ErrPermanent) && strings.Contains(err.Error(), "relay connect tiktok")
}

func TestConnectAuthorizeRedirectExchange(t *testing.T) {
	r := newAuthRig(t)
	if u := r.auth.AuthURL("s", ""); !strings.Contains(u, "/open/authorize?") || !strings.Contains(u, "service_id=7310") {
		t.Errorf("AuthURL %s", u)
	}
	if err := r.push(1); !isRefused(err) {
		t.Errorf("push without a token: %v", err)
	}
	tok := r.connect(t)
	now := r.clock.Now()
	if tok.Channel != relay.TikTok || tok.Shop != cipher || tok.Extra["shop_cipher"] != cipher || tok.Extra["seller_name"] == "" ||
		tok.Access == "" || tok.Refresh == "" || !tok.Obtained.Equal(now) || !tok.AccessExpires.Equal(now.Add(7*24*time.Hour)) ||
		!tok.RefreshExpires.Equal(now.Add(30*24*time.Hour)) || len(tok.Scopes) != 2 {
		t.Errorf("token %+v", tok)
	}
	r.c.SetToken(tok)
	if err := r.push(3); err != nil {
		t.Fatal(err)
	}
	if l, _ := r.sim.Stock.Get("1729592969712207013/7068517275539719942"); l.Available != 3 {
		t.Errorf("available %d", l.Available)
	}
	if _, err := r.auth.Exchange(context.Background(), url.Values{"code": {"used"}}); !isRefused(err) {
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
	if next.Access == tok.Access || next.Refresh == tok.Refresh || next.Extra["shop_cipher"] != cipher {
		t.Errorf("refreshed %+v", next)
	}
	if err := r.push(2); !isRefused(err) || !strings.Contains(err.Error(), "36009004") {
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
	if err := r.push(4); !isRefused(err) || !strings.Contains(err.Error(), "105002") {
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

func TestConfigWithoutTokenOrServiceID(t *testing.T) {
	cfg := tiktok.Config{BaseURL: "https://open-api.tiktokglobalshop.com", AppKey: "k", AppSecret: "s"}
	if err := cfg.Validate(); err != nil {
		t.Errorf("config without token refused: %v", err)
	}
	cfg.AuthURL = "auth.tiktok-shops.com"
	_, err := tiktok.NewAuth(cfg, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "tiktok.service_id") || !strings.Contains(err.Error(), "tiktok.auth_url") {
		t.Errorf("NewAuth: %v", err)
	}
}
