package lazada_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/authtest"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
)

// authCase is Lazada in the auth suite: 7-day access and 30-day refresh
// tokens, and a client configured without a token.
func authCase() authtest.Case {
	return authtest.Case{Channel: relay.Lazada, CodeTTL: 10 * time.Minute, AccessTTL: 7 * 24 * time.Hour, RefreshTTL: 30 * 24 * time.Hour,
		Replaced: "IllegalAccessToken", Expired: "IllegalAccessToken",
		Start: startAuthSim,
		NewAuth: func(s authtest.Sim, hc *http.Client, now func() time.Time) (relay.Authorizer, error) {
			return lazada.NewAuth(authConfig(s), hc, now)
		},
		NewClient: func(s authtest.Sim, hc *http.Client, now func() time.Time) (authtest.Client, error) {
			c, err := lazada.New(authConfig(s), hc, nil)
			if err == nil {
				c.Now = now
			}
			return c, err
		},
	}
}

func startAuthSim(t *testing.T, now func() time.Time) authtest.Sim {
	sim := lazadasim.New(lazadasim.Config{AppKey: "123456", AppSecret: "helloworld", SellerID: "1234567", Now: now})
	srv := sim.Start()
	t.Cleanup(srv.Close)
	sim.AddSKU("900", "1", "S1", "", 5, 0)
	return authtest.Sim{URL: srv.URL, HTTP: srv.Client(), Revoke: sim.Revoke, Item: item(1, 0, ""),
		Available: func() int64 { l, _ := sim.Stock.Get("1"); return l.Available }}
}

func authConfig(s authtest.Sim) lazada.Config {
	return lazada.Config{BaseURL: s.URL + "/rest", AuthURL: s.URL + "/rest", AppKey: "123456", AppSecret: "helloworld", RatePerSecond: 50}
}

func TestAuthSuite(t *testing.T) { authtest.Run(t, authCase()) }

func TestAuthURLAndTokenNameSellerAndCountry(t *testing.T) {
	r := authtest.Start(t, authCase())
	u := r.Auth.AuthURL("s", "http://127.0.0.1:9/cb")
	for _, want := range []string{"/oauth/authorize?", "response_type=code", "force_auth=true", "client_id=123456", "state=s"} {
		if !strings.Contains(u, want) {
			t.Errorf("AuthURL %s lacks %s", u, want)
		}
	}
	tok := r.Connect(t)
	if tok.Shop != "1234567" || tok.Extra["country"] != "sg" || tok.Extra["account"] == "" {
		t.Errorf("token %+v", tok)
	}
}

func TestRefreshKeepsCountry(t *testing.T) {
	r := authtest.Start(t, authCase())
	next, err := r.Auth.Refresh(context.Background(), r.Connect(t))
	if err != nil || next.Extra["country"] != "sg" || next.Shop != "1234567" {
		t.Errorf("refreshed %+v, %v", next, err)
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
