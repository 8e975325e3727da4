package lazada

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/edged/edged/relay"
)

// DefaultAuthURL is the LazOP OAuth API base.
const DefaultAuthURL = "https://auth.lazada.com/rest"

// Token API paths on the auth host (signed like any call, no access_token).
const (
	PathTokenCreate  = "/auth/token/create"
	PathTokenRefresh = "/auth/token/refresh"
)

// Auth is the LazOP seller authorisation flow. It implements
// relay.Authorizer and needs no access token.
type Auth struct {
	cfg Config
	kit relay.AuthKit
}

// NewAuth returns the flow; hc nil means http.DefaultClient, now nil
// time.Now.
func NewAuth(cfg Config, hc *http.Client, now func() time.Time) (*Auth, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.AuthURL = cmp.Or(cfg.AuthURL, DefaultAuthURL)
	return &Auth{cfg: cfg, kit: relay.NewAuthKit(hc, now)}, nil
}

// AuthURL is the grant page, /oauth/authorize on the auth host.
func (a *Auth) AuthURL(state, redirect string) string {
	q := url.Values{"response_type": {"code"}, "force_auth": {"true"}, "redirect_uri": {redirect},
		"client_id": {a.cfg.AppKey}, "state": {state}}
	return strings.TrimSuffix(strings.TrimSuffix(a.cfg.AuthURL, "/"), "/rest") + "/oauth/authorize?" + q.Encode()
}

// Exchange trades the redirect's code at /auth/token/create.
func (a *Auth) Exchange(ctx context.Context, redirect url.Values) (relay.Token, error) {
	if redirect.Get("code") == "" {
		return relay.Token{}, fmt.Errorf("lazada: connect: %w: redirect has no code", relay.ErrPermanent)
	}
	return a.token(ctx, PathTokenCreate, map[string]string{"code": redirect.Get("code")})
}

// Refresh renews t at /auth/token/refresh; Lazada returns a new refresh
// token too, and t's Extra is kept where the answer has no new values.
func (a *Auth) Refresh(ctx context.Context, t relay.Token) (relay.Token, error) {
	if t.Refresh == "" {
		return relay.Token{}, refused(errors.New("no refresh token"))
	}
	n, err := a.token(ctx, PathTokenRefresh, map[string]string{"refresh_token": t.Refresh})
	if err != nil {
		return n, err
	}
	for k, v := range t.Extra {
		if _, ok := n.Extra[k]; !ok {
			n.Extra[k] = v
		}
	}
	if n.Shop == "" {
		n.Shop = t.Shop
	}
	return n, nil
}

// tokenAnswer is the token APIs' answer: the fields are top level.
type tokenAnswer struct {
	envelope
	AccessToken      string `json:"access_token"`
	RefreshToken     string `json:"refresh_token"`
	ExpiresIn        int64  `json:"expires_in"`
	RefreshExpiresIn int64  `json:"refresh_expires_in"`
	Account          string `json:"account"`
	Country          string `json:"country"`
	CountryUserInfo  []struct {
		Country   string `json:"country"`
		UserID    string `json:"user_id"`
		SellerID  string `json:"seller_id"`
		ShortCode string `json:"short_code"`
	} `json:"country_user_info"`
}

func (a *Auth) token(ctx context.Context, apiPath string, biz map[string]string) (relay.Token, error) {
	obtained := a.kit.Now()
	p := map[string]string{"app_key": a.cfg.AppKey, "sign_method": "sha256", "timestamp": msTimestamp(obtained.UnixMilli())}
	form := signedForm(a.cfg.AppSecret, apiPath, p, biz)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(a.cfg.AuthURL, "/")+apiPath, strings.NewReader(form.Encode()))
	if err != nil {
		return relay.Token{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
	ans, err := a.send(req)
	if err != nil {
		return relay.Token{}, fmt.Errorf("lazada: %s: %w", apiPath, err)
	}
	return fill(ans, obtained), nil
}

func (a *Auth) send(req *http.Request) (tokenAnswer, error) {
	resp, body, err := relay.Fetch(a.kit.HTTP, req, 1<<20, a.cfg.AppSecret)
	if err != nil {
		return tokenAnswer{}, err
	}
	if err := relay.HTTPError(resp, body); err != nil {
		return tokenAnswer{}, err
	}
	var ans tokenAnswer
	if err := json.Unmarshal(body, &ans); err != nil {
		return ans, fmt.Errorf("%w: undecodable token answer: %w", relay.ErrUnavailable, err)
	}
	if ans.Code != "0" {
		err := codeError(ans.envelope)
		if errors.Is(err, relay.ErrPermanent) && !errors.Is(err, relay.ErrAuth) {
			err = refused(err)
		}
		return ans, err
	}
	if ans.AccessToken == "" {
		return ans, fmt.Errorf("%w: no access_token in answer", relay.ErrUnavailable)
	}
	return ans, nil
}

func fill(ans tokenAnswer, obtained time.Time) relay.Token {
	t := relay.IssuedToken(ans.AccessToken, ans.RefreshToken, ans.ExpiresIn, ans.RefreshExpiresIn, obtained)
	t.Channel, t.Shop, t.Extra = relay.Lazada, ans.Account, map[string]string{}
	set := func(k, v string) {
		if v != "" {
			t.Extra[k] = v
		}
	}
	set("country", ans.Country)
	set("account", ans.Account)
	for _, u := range ans.CountryUserInfo {
		if u.Country == ans.Country || len(ans.CountryUserInfo) == 1 {
			set("seller_id", u.SellerID)
			set("user_id", u.UserID)
			set("short_code", u.ShortCode)
			if u.SellerID != "" {
				t.Shop = u.SellerID
			}
		}
	}
	return t
}

// errNoToken is a call made before any token was configured or set.
var errNoToken = refused(errors.New("no access token"))

// refused marks credentials Lazada no longer takes.
func refused(err error) error {
	return fmt.Errorf("lazada: %w: %w: %w; run `relay connect lazada`", relay.ErrAuth, relay.ErrPermanent, err)
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
