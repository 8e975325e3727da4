package shopify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/edged/edged/relay"
)

var shopDomain = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$`)

// defaultScopes are asked for when Config.Scopes is empty.
var defaultScopes = []string{"write_inventory", "read_inventory", "read_orders"}

// Auth is Shopify's authorization code grant for one app and shop. It
// implements relay.Authorizer and needs no access token.
type Auth struct {
	cfg  Config
	shop string
	kit  relay.AuthKit
}

// NewAuth returns the flow; hc nil means http.DefaultClient, now nil
// time.Now. It needs client_id and client_secret.
func NewAuth(cfg Config, hc *http.Client, now func() time.Time) (*Auth, error) {
	err := relay.NeedToConnect(cfg.Validate(), map[string]string{
		"shopify.client_id": cfg.ClientID, "shopify.client_secret": cfg.ClientSecret})
	if err != nil {
		return nil, err
	}
	if len(cfg.Scopes) == 0 {
		cfg.Scopes = defaultScopes
	}
	shop := cfg.Shop
	if shop == "" {
		u, _ := url.Parse(cfg.BaseURL) // Validate parsed it
		shop = u.Host
	}
	return &Auth{cfg: cfg, shop: shop, kit: relay.NewAuthKit(hc, now)}, nil
}

// AuthURL is the shop's grant page, /admin/oauth/authorize.
func (a *Auth) AuthURL(state, redirect string) string {
	q := url.Values{"client_id": {a.cfg.ClientID}, "scope": {strings.Join(a.cfg.Scopes, ",")},
		"redirect_uri": {redirect}, "state": {state}}
	return a.base() + "/admin/oauth/authorize?" + q.Encode()
}

// Exchange checks the redirect's hmac and shop and trades its code for a
// token at /admin/oauth/access_token.
func (a *Auth) Exchange(ctx context.Context, redirect url.Values) (relay.Token, error) {
	switch {
	case !VerifyRedirect(a.cfg.ClientSecret, redirect):
		return relay.Token{}, fmt.Errorf("shopify: connect: %w: %w: redirect hmac does not match client_secret", relay.ErrPermanent, relay.ErrBadSignature)
	case redirect.Get("shop") != a.shop:
		return relay.Token{}, fmt.Errorf("shopify: connect: %w: redirect is for shop %q, configured %q", relay.ErrPermanent, redirect.Get("shop"), a.shop)
	case redirect.Get("code") == "":
		return relay.Token{}, fmt.Errorf("shopify: connect: %w: redirect has no code", relay.ErrPermanent)
	}
	body := map[string]string{"client_id": a.cfg.ClientID, "client_secret": a.cfg.ClientSecret, "code": redirect.Get("code")}
	if a.cfg.ExpiringTokens {
		body["expiring"] = "1"
	}
	return a.token(ctx, body, "exchange authorization code")
}

// Refresh renews an expiring offline token. A token without a refresh
// token (a non-expiring offline token) is returned as is.
func (a *Auth) Refresh(ctx context.Context, t relay.Token) (relay.Token, error) {
	if t.Refresh == "" {
		return t, nil
	}
	return a.token(ctx, map[string]string{"client_id": a.cfg.ClientID, "client_secret": a.cfg.ClientSecret,
		"grant_type": "refresh_token", "refresh_token": t.Refresh}, "refresh access token")
}

// tokenAnswer is the access_token endpoint's answer.
type tokenAnswer struct {
	AccessToken           string `json:"access_token"`
	Scope                 string `json:"scope"`
	ExpiresIn             int64  `json:"expires_in"`
	RefreshToken          string `json:"refresh_token"`
	RefreshTokenExpiresIn int64  `json:"refresh_token_expires_in"`
	Error                 string `json:"error"`
	ErrorDescription      string `json:"error_description"`
}

func (a *Auth) token(ctx context.Context, body map[string]string, step string) (relay.Token, error) {
	raw, _ := json.Marshal(body) // a string map: cannot fail
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.base()+"/admin/oauth/access_token", bytes.NewReader(raw))
	if err != nil {
		return relay.Token{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	obtained := a.kit.Now()
	resp, got, err := relay.Fetch(a.kit.HTTP, req, 1<<20, a.cfg.ClientSecret)
	if err != nil {
		return relay.Token{}, fmt.Errorf("shopify: %s: %w", step, err)
	}
	var ans tokenAnswer
	json.Unmarshal(got, &ans) // checked below through AccessToken
	if resp.StatusCode/100 == 4 && resp.StatusCode != http.StatusTooManyRequests {
		return relay.Token{}, refused(fmt.Errorf("%s: HTTP %d %s: %s", step, resp.StatusCode, ans.Error, ans.ErrorDescription))
	}
	if err := relay.HTTPError(resp, got); err != nil {
		return relay.Token{}, fmt.Errorf("shopify: %s: %w", step, err)
	}
	if ans.AccessToken == "" {
		return relay.Token{}, fmt.Errorf("shopify: %s: %w: no access_token in answer", step, relay.ErrUnavailable)
	}
	return a.fill(ans, obtained), nil
}

func (a *Auth) fill(ans tokenAnswer, obtained time.Time) relay.Token {
	t := relay.IssuedToken(ans.AccessToken, ans.RefreshToken, ans.ExpiresIn, ans.RefreshTokenExpiresIn, obtained)
	t.Channel, t.Shop = relay.Shopify, a.shop
	if ans.Scope != "" {
		t.Scopes = strings.Split(ans.Scope, ",")
	}
	return t
}

func (a *Auth) base() string { return strings.TrimSuffix(a.cfg.BaseURL, "/") }

// VerifyRedirect checks the hmac Shopify adds to the OAuth redirect: hex
// HMAC-SHA256(client secret, the other parameters as sorted k=v joined by &).
func VerifyRedirect(secret string, q url.Values) bool {
	want := RedirectHMAC(secret, q)
	return q.Get("hmac") != "" && hmac.Equal([]byte(want), []byte(q.Get("hmac")))
}

// RedirectHMAC computes the redirect's hmac parameter.
func RedirectHMAC(secret string, q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		if k != "hmac" && k != "signature" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + strings.Join(q[k], ",")
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strings.Join(parts, "&")))
	return hex.EncodeToString(m.Sum(nil))
}

// refused marks a refused grant or token: only a new connection helps.
func refused(err error) error {
	return fmt.Errorf("shopify: %w: %w: %w; run `relay connect shopify`", relay.ErrAuth, relay.ErrPermanent, err)
}

// authStatus turns a 401 from the Admin API into a refused-credentials error.
func authStatus(code int, err error) error {
	if code == http.StatusUnauthorized {
		return refused(err)
	}
	return err
}

// SetToken makes the client use t's access token from its next call; it
// implements relay.TokenUser and is safe for concurrent use.
func (c *Client) SetToken(t relay.Token) {
	c.access.Set(t.Access)
}

func (c *Client) accessToken() string { return c.access.Get(c.cfg.AccessToken) }

var (
	_ relay.Authorizer = (*Auth)(nil)
	_ relay.TokenUser  = (*Client)(nil)
)
