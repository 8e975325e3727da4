package shopify_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/authtest"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
)

const clientID = "edged-app"

// authCase is Shopify in the auth suite: expiring offline tokens (1 h,
// refresh tokens 90 days) and a client configured without a token.
func authCase() authtest.Case {
	return authtest.Case{Channel: relay.Shopify, CodeTTL: 10 * time.Minute, AccessTTL: time.Hour, RefreshTTL: 90 * 24 * time.Hour,
		Start: startAuthSim,
		NewAuth: func(s authtest.Sim, hc *http.Client, now func() time.Time) (relay.Authorizer, error) {
			return shopify.NewAuth(authConfig(s), hc, now)
		},
		NewClient: func(s authtest.Sim, hc *http.Client, _ func() time.Time) (authtest.Client, error) {
			return shopify.New(authConfig(s), hc, nil)
		},
	}
}

func startAuthSim(t *testing.T, now func() time.Time) authtest.Sim {
	sim := shopifysim.New(shopifysim.Config{ClientID: clientID, ClientSecret: secret, TokenTTL: time.Hour, Now: now,
		BucketSize: 10000, RestoreRate: 10000})
	srv := sim.Start()
	t.Cleanup(srv.Close)
	sim.AddItem(gid("InventoryItem", 1), gid("Location", 1), "1", 5, false)
	return authtest.Sim{URL: srv.URL, HTTP: srv.Client(), Revoke: sim.Revoke, Item: it(1, 0),
		Available: func() int64 { return get(sim, 1) }}
}

func authConfig(s authtest.Sim) shopify.Config {
	return shopify.Config{BaseURL: s.URL, ClientID: clientID, ClientSecret: secret, Shop: "edged-sim.myshopify.com",
		ExpiringTokens: true, RatePerSecond: 1000}
}

func TestAuthSuite(t *testing.T) { authtest.Run(t, authCase()) }

func TestAuthURLAndTokenNameShopAndScopes(t *testing.T) {
	r := authtest.Start(t, authCase())
	if u := r.Auth.AuthURL("s", authtest.Callback); !strings.Contains(u, "/admin/oauth/authorize?") ||
		!strings.Contains(u, "client_id="+clientID) || !strings.Contains(u, "scope=write_inventory%2C") {
		t.Errorf("AuthURL %s", u)
	}
	if tok := r.Connect(t); tok.Shop != "edged-sim.myshopify.com" || len(tok.Scopes) != 3 {
		t.Errorf("token shop %q, scopes %v", tok.Shop, tok.Scopes)
	}
}

func TestForgedRedirectIsRefused(t *testing.T) {
	r := authtest.Start(t, authCase())
	q := r.Authorize(t)
	q.Set("shop", "evil.myshopify.com")
	if _, err := r.Auth.Exchange(context.Background(), q); !errors.Is(err, relay.ErrBadSignature) {
		t.Errorf("forged redirect: %v", err)
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
