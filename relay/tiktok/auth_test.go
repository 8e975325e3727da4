package tiktok_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/authtest"
	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

// authCase is TikTok Shop in the auth suite: 7-day access and 30-day
// refresh tokens, codes of 30 minutes, and a client configured with
// neither token nor shop cipher.
func authCase() authtest.Case {
	return authtest.Case{Channel: relay.TikTok, CodeTTL: 30 * time.Minute, AccessTTL: 7 * 24 * time.Hour, RefreshTTL: 30 * 24 * time.Hour,
		Replaced: "36009004", Expired: "105002",
		Start: startAuthSim,
		NewAuth: func(s authtest.Sim, hc *http.Client, now func() time.Time) (relay.Authorizer, error) {
			return tiktok.NewAuth(authConfig(s), hc, now)
		},
		NewClient: func(s authtest.Sim, hc *http.Client, now func() time.Time) (authtest.Client, error) {
			c, err := tiktok.New(authConfig(s), hc, nil)
			if err == nil {
				c.Now = now
			}
			return c, err
		},
	}
}

const authProduct, authSKU, authWarehouse = "1729382561353664372", "1729592969712207013", "7068517275539719942"

func startAuthSim(t *testing.T, now func() time.Time) authtest.Sim {
	sim := tiktoksim.New(tiktoksim.Config{AppKey: appKey, AppSecret: secret, ShopCipher: cipher, ShopID: "7494049642642441621",
		ServiceID: "7310", RedirectURL: authtest.Callback, Now: now})
	srv := sim.Start()
	t.Cleanup(srv.Close)
	sim.AddSKU(authProduct, authSKU, []string{authWarehouse}, 5, 0)
	return authtest.Sim{URL: srv.URL, HTTP: srv.Client(), Revoke: sim.Revoke, Item: it(authProduct, authSKU, authWarehouse, 0),
		Available: func() int64 { l, _ := sim.Stock.Get(authSKU + "/" + authWarehouse); return l.Available }}
}

func authConfig(s authtest.Sim) tiktok.Config {
	return tiktok.Config{BaseURL: s.URL, AuthURL: s.URL, AuthorizeURL: s.URL, ServiceID: "7310", AppKey: appKey, AppSecret: secret, RatePerSecond: 50}
}

func TestAuthSuite(t *testing.T) { authtest.Run(t, authCase()) }

func TestAuthURLAndTokenNameShopCipher(t *testing.T) {
	r := authtest.Start(t, authCase())
	if u := r.Auth.AuthURL("s", ""); !strings.Contains(u, "/open/authorize?") || !strings.Contains(u, "service_id=7310") {
		t.Errorf("AuthURL %s", u)
	}
	tok := r.Connect(t)
	if tok.Shop != cipher || tok.Extra["shop_cipher"] != cipher || tok.Extra["seller_name"] == "" || len(tok.Scopes) != 2 {
		t.Errorf("token %+v", tok)
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
