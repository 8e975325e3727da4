package shopee_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/authtest"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
)

// authCase is Shopee in the auth suite: 4 h access and 30-day refresh
// tokens, the old access token living on after a refresh, and a client
// configured without tokens.
func authCase() authtest.Case {
	return authtest.Case{Channel: relay.Shopee, CodeTTL: 10 * time.Minute, AccessTTL: 4 * time.Hour, RefreshTTL: shopee.RefreshTTL,
		KeepsOldAccess: true, Replaced: "error_auth", Expired: "error_auth",
		Start: startAuthSim,
		NewAuth: func(s authtest.Sim, hc *http.Client, now func() time.Time) (relay.Authorizer, error) {
			return shopee.NewAuth(authConfig(s), hc, now)
		},
		NewClient: func(s authtest.Sim, hc *http.Client, now func() time.Time) (authtest.Client, error) {
			c, err := shopee.New(authConfig(s), hc, nil)
			if err == nil {
				c.Now = now
			}
			return c, err
		},
	}
}

func startAuthSim(t *testing.T, now func() time.Time) authtest.Sim {
	sim := shopeesim.New(shopeesim.Config{PartnerID: partner, PartnerKey: key, ShopID: shopID, Now: now})
	srv := sim.Start()
	t.Cleanup(srv.Close)
	sim.AddModel(100, 1, "", 5, 0)
	return authtest.Sim{URL: srv.URL, HTTP: srv.Client(), Revoke: sim.Revoke, Item: it("100", "1", "", 0),
		Available: func() int64 { l, _ := sim.Stock.Get("100/1"); return l.Available }}
}

func authConfig(s authtest.Sim) shopee.Config {
	return shopee.Config{BaseURL: s.URL, PartnerID: partner, PartnerKey: key, ShopID: shopID}
}

func TestAuthSuite(t *testing.T) { authtest.Run(t, authCase()) }

func TestAuthURLAndExchangeOfOtherShop(t *testing.T) {
	r := authtest.Start(t, authCase())
	if u := r.Auth.AuthURL("s", "https://relay.example/cb"); !strings.Contains(u, "/api/v2/shop/auth_partner?") ||
		!strings.Contains(u, "partner_id=2001887") || !strings.Contains(u, "sign=") || !strings.Contains(u, "redirect=https%3A%2F%2Frelay.example%2Fcb%3Fstate%3Ds") {
		t.Errorf("AuthURL %s", u)
	}
	if q := r.Authorize(t); q.Get("shop_id") != "14701711" {
		t.Errorf("redirect query %v lacks shop_id", q)
	}
	if tok := r.Connect(t); tok.Shop != "14701711" {
		t.Errorf("token shop %q", tok.Shop)
	}
	if _, err := r.Auth.Exchange(context.Background(), url.Values{"code": {"c"}, "shop_id": {"1"}}); err == nil || !strings.Contains(err.Error(), "shopee.shop_id") {
		t.Errorf("other shop: %v", err)
	}
}

// TestOldAccessLivesUntilItsExpiry: Shopee's refresh consumes the refresh
// token (single use) but leaves the old access token working until its
// own expiry, so the client keeps pushing until SetToken.
func TestOldAccessLivesUntilItsExpiry(t *testing.T) {
	r := authtest.Start(t, authCase())
	tok := r.Connect(t)
	r.Client.SetToken(tok)
	r.Clock.Advance(3 * time.Hour)
	next, err := r.Auth.Refresh(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Push(2); err != nil {
		t.Errorf("old access token before its expiry: %v", err)
	}
	if _, err := r.Auth.Refresh(context.Background(), tok); !r.Refused(err) {
		t.Errorf("consumed refresh token reused: %v", err)
	}
	r.Clock.Advance(time.Hour)
	if err := r.Push(4); !r.Refused(err) {
		t.Errorf("old access token at its expiry: %v", err)
	}
	r.Client.SetToken(next)
	if err := r.Push(4); err != nil {
		t.Fatal(err)
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
