package shopee_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
	"github.com/edged/edged/relay/simkit"
)

type authRig struct {
	sim   *shopeesim.Sim
	clock *simkit.Clock
	auth  *shopee.Auth
	c     *shopee.Client
}

// newAuthRig starts a simulator (4 h access, 30 day refresh tokens) and a
// client configured without tokens.
func newAuthRig(t *testing.T) authRig {
	clock := simkit.NewClock(time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC))
	sim := shopeesim.New(shopeesim.Config{PartnerID: partner, PartnerKey: key, ShopID: shopID, Now: clock.Now})
	srv := sim.Start()
	t.Cleanup(srv.Close)
	cfg := shopee.Config{BaseURL: srv.URL, PartnerID: partner, PartnerKey: key, ShopID: shopID}
	auth, err := shopee.NewAuth(cfg, srv.Client(), clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	c, err := shopee.New(cfg, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Now = clock.Now
	sim.AddModel(100, 1, "", 5, 0)
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
	if err != nil || resp.StatusCode != http.StatusFound || loc.Query().Get("state") != "st4te" || loc.Query().Get("shop_id") != "14701711" {
		t.Fatalf("auth_partner: %s, Location %q", resp.Status, resp.Header.Get("Location"))
	}
	tok, err := r.auth.Exchange(context.Background(), loc.Query())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func (r authRig) push(q int64) error {
	return r.c.Push(context.Background(), []relay.Item{it("100", "1", "", q)})[0].Err
}

func isRefused(err error) bool {
	return errors.Is(err, relay.ErrAuth) && errors.Is(err, relay.ErrPermanent) && strings.Contains(err.Error(), "relay connect shopee")
}

func TestConnectAuthorizeRedirectExchange(t *testing.T) {
	r := newAuthRig(t)
	if u := r.auth.AuthURL("s", "https://relay.example/cb"); !strings.Contains(u, "/api/v2/shop/auth_partner?") ||
		!strings.Contains(u, "partner_id=2001887") || !strings.Contains(u, "sign=") || !strings.Contains(u, "redirect=https%3A%2F%2Frelay.example%2Fcb%3Fstate%3Ds") {
		t.Errorf("AuthURL %s", u)
	}
	if err := r.push(1); !isRefused(err) {
		t.Errorf("push without a token: %v", err)
	}
	tok := r.connect(t)
	now := r.clock.Now()
	if tok.Channel != relay.Shopee || tok.Shop != "14701711" || tok.Access == "" || tok.Refresh == "" || !tok.Obtained.Equal(now) ||
		!tok.AccessExpires.Equal(now.Add(4*time.Hour)) || !tok.RefreshExpires.Equal(now.Add(30*24*time.Hour)) {
		t.Errorf("token %+v", tok)
	}
	r.c.SetToken(tok)
	if err := r.push(3); err != nil {
		t.Fatal(err)
	}
	if _, err := r.auth.Exchange(context.Background(), url.Values{"code": {"used"}, "shop_id": {"14701711"}}); !isRefused(err) {
		t.Errorf("unknown code: %v", err)
	}
	if _, err := r.auth.Exchange(context.Background(), url.Values{"code": {"c"}, "shop_id": {"1"}}); err == nil || !strings.Contains(err.Error(), "shopee.shop_id") {
		t.Errorf("other shop: %v", err)
	}
}

func TestRefreshBeforeAndAfterExpiry(t *testing.T) {
	r := newAuthRig(t)
	ctx := context.Background()
	tok := r.connect(t)
	r.c.SetToken(tok)
	r.clock.Advance(3 * time.Hour)
	next, err := r.auth.Refresh(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	if next.Access == tok.Access || next.Refresh == tok.Refresh || !next.AccessExpires.Equal(r.clock.Now().Add(4*time.Hour)) {
		t.Errorf("refreshed %+v", next)
	}
	// Shopee keeps the old access token until its own expiry.
	if err := r.push(2); err != nil {
		t.Errorf("old access token before its expiry: %v", err)
	}
	if _, err := r.auth.Refresh(ctx, tok); !isRefused(err) {
		t.Errorf("consumed refresh token reused: %v", err)
	}
	r.clock.Advance(time.Hour)
	if err := r.push(4); !isRefused(err) {
		t.Errorf("expired access token: %v", err)
	}
	r.c.SetToken(next)
	if err := r.push(4); err != nil {
		t.Fatal(err)
	}
	r.clock.Advance(5 * time.Hour)
	if err := r.push(5); !isRefused(err) {
		t.Errorf("expired access token: %v", err)
	}
	last, err := r.auth.Refresh(ctx, next)
	if err != nil {
		t.Fatal(err)
	}
	r.c.SetToken(last)
	if err := r.push(5); err != nil {
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

func TestConfigWithoutTokens(t *testing.T) {
	cfg := shopee.Config{BaseURL: "https://partner.shopeemobile.com", PartnerID: 1, PartnerKey: "k", ShopID: 2}
	if err := cfg.Validate(); err != nil {
		t.Errorf("config without tokens refused: %v", err)
	}
	cfg.PartnerKey, cfg.ShopID = "", 0
	err := cfg.Validate()
	if err == nil || !strings.Contains(err.Error(), "shopee.partner_key") || !strings.Contains(err.Error(), "shopee.shop_id") {
		t.Errorf("missing key and shop: %v", err)
	}
}
