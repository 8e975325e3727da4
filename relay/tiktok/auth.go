package tiktok

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/edged/edged/relay"
)

// Defaults of the authorisation hosts.
const (
	DefaultAuthURL      = "https://auth.tiktok-shops.com"
	DefaultAuthorizeURL = "https://services.tiktokshop.com"
)

// Authorisation paths: the token APIs on the auth host, Get Authorized
// Shops on the API host.
const (
	PathTokenGet     = "/api/v2/token/get"
	PathTokenRefresh = "/api/v2/token/refresh"
	PathShops        = "/authorization/202309/shops"
)

// Auth is TikTok Shop's seller authorisation. It implements
// relay.Authorizer and needs no access token. Exchange and Refresh also
// call Get Authorized Shops for the shop cipher (Token.Shop and
// Extra["shop_cipher"]).
type Auth struct {
	cfg Config
	kit relay.AuthKit
}

// NewAuth returns the flow; hc nil means http.DefaultClient, now nil
// time.Now. It needs service_id.
func NewAuth(cfg Config, hc *http.Client, now func() time.Time) (*Auth, error) {
	if err := relay.NeedToConnect(cfg.Validate(), map[string]string{"tiktok.service_id": cfg.ServiceID}); err != nil {
		return nil, err
	}
	cfg.AuthURL = cmp.Or(cfg.AuthURL, DefaultAuthURL)
	cfg.AuthorizeURL = cmp.Or(cfg.AuthorizeURL, DefaultAuthorizeURL)
	return &Auth{cfg: cfg, kit: relay.NewAuthKit(hc, now)}, nil
}

// AuthURL is the grant page /open/authorize. TikTok redirects to the URL
// registered for the app, so redirect is not sent.
func (a *Auth) AuthURL(state, _ string) string {
	q := url.Values{"service_id": {a.cfg.ServiceID}, "state": {state}}
	return strings.TrimSuffix(a.cfg.AuthorizeURL, "/") + "/open/authorize?" + q.Encode()
}

// Exchange trades the redirect's code (30 minutes, single use).
func (a *Auth) Exchange(ctx context.Context, redirect url.Values) (relay.Token, error) {
	if redirect.Get("code") == "" {
		return relay.Token{}, fmt.Errorf("tiktok: connect: %w: redirect has no code", relay.ErrPermanent)
	}
	return a.token(ctx, PathTokenGet, url.Values{"auth_code": {redirect.Get("code")}, "grant_type": {"authorized_code"}})
}

// Refresh renews t; TikTok returns a new refresh token too.
func (a *Auth) Refresh(ctx context.Context, t relay.Token) (relay.Token, error) {
	if t.Refresh == "" {
		return relay.Token{}, refused(errors.New("no refresh token"))
	}
	return a.token(ctx, PathTokenRefresh, url.Values{"refresh_token": {t.Refresh}, "grant_type": {"refresh_token"}})
}

type tokenData struct {
	AccessToken          string   `json:"access_token"`
	AccessTokenExpireIn  int64    `json:"access_token_expire_in"` // unix seconds
	RefreshToken         string   `json:"refresh_token"`
	RefreshTokenExpireIn int64    `json:"refresh_token_expire_in"` // unix seconds
	OpenID               string   `json:"open_id"`
	SellerName           string   `json:"seller_name"`
	SellerBaseRegion     string   `json:"seller_base_region"`
	GrantedScopes        []string `json:"granted_scopes"`
}

func (a *Auth) token(ctx context.Context, path string, q url.Values) (relay.Token, error) {
	obtained := a.kit.Now()
	q.Set("app_key", a.cfg.AppKey)
	q.Set("app_secret", a.cfg.AppSecret)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(a.cfg.AuthURL, "/")+path+"?"+q.Encode(), nil)
	if err != nil {
		return relay.Token{}, err
	}
	env, err := a.send(req)
	if err != nil {
		return relay.Token{}, fmt.Errorf("tiktok: %s: %w", path, err)
	}
	var d tokenData
	if err := json.Unmarshal(env.Data, &d); err != nil || d.AccessToken == "" {
		return relay.Token{}, fmt.Errorf("tiktok: %s: %w: no token in answer", path, relay.ErrUnavailable)
	}
	t := fill(d, obtained)
	if err := a.shop(ctx, &t); err != nil {
		return relay.Token{}, fmt.Errorf("tiktok: %s: %w", PathShops, err)
	}
	return t, nil
}

// fill is the token of d, issued at obtained. TikTok gives the expiries
// as unix times, not as lives.
func fill(d tokenData, obtained time.Time) relay.Token {
	t := relay.Token{Channel: relay.TikTok, Access: d.AccessToken, Refresh: d.RefreshToken, Scopes: d.GrantedScopes,
		AccessExpires: unixTime(d.AccessTokenExpireIn), RefreshExpires: unixTime(d.RefreshTokenExpireIn),
		Obtained: obtained, Extra: map[string]string{}}
	for k, v := range map[string]string{"seller_name": d.SellerName, "open_id": d.OpenID, "region": d.SellerBaseRegion} {
		if v != "" {
			t.Extra[k] = v
		}
	}
	return t
}

// unixTime is sec as a time, zero for none.
func unixTime(sec int64) time.Time {
	if sec <= 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}

// shop fills the shop cipher from Get Authorized Shops: the configured
// shop_cipher if the seller authorised it, else the only shop.
func (a *Auth) shop(ctx context.Context, t *relay.Token) error {
	q := url.Values{"app_key": {a.cfg.AppKey}, "timestamp": {strconv.FormatInt(a.kit.Now().Unix(), 10)}}
	q.Set("sign", Sign(a.cfg.AppSecret, PathShops, q, nil))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(a.cfg.BaseURL, "/")+PathShops+"?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("x-tts-access-token", t.Access)
	req.Header.Set("Content-Type", "application/json")
	env, err := a.send(req)
	if err != nil {
		return err
	}
	var d struct {
		Shops []struct {
			ID     string `json:"id"`
			Name   string `json:"name"`
			Region string `json:"region"`
			Cipher string `json:"cipher"`
		} `json:"shops"`
	}
	json.Unmarshal(env.Data, &d) // an empty list is the error below
	for _, s := range d.Shops {
		if s.Cipher == a.cfg.ShopCipher || (a.cfg.ShopCipher == "" && len(d.Shops) == 1) {
			t.Shop = s.Cipher
			t.Extra["shop_cipher"], t.Extra["shop_id"], t.Extra["shop_name"] = s.Cipher, s.ID, s.Name
			return nil
		}
	}
	return fmt.Errorf("%w: %d authorised shops, none matches tiktok.shop_cipher %q", relay.ErrPermanent, len(d.Shops), a.cfg.ShopCipher)
}

func (a *Auth) send(req *http.Request) (envelope, error) {
	resp, body, err := relay.Fetch(a.kit.HTTP, req, 1<<20, a.cfg.AppSecret)
	if err != nil {
		return envelope{}, err
	}
	var env envelope
	jerr := json.Unmarshal(body, &env)
	if jerr == nil && env.Code != 0 {
		err := codeError(env.Code, env.Message+" [request "+env.RequestID+"]")
		if errors.Is(err, relay.ErrPermanent) && !errors.Is(err, relay.ErrAuth) {
			err = refused(err)
		}
		return env, err
	}
	if err := relay.HTTPError(resp, body); err != nil {
		return env, err
	}
	if jerr != nil {
		return env, fmt.Errorf("%w: undecodable response: %w", relay.ErrUnavailable, jerr)
	}
	return env, nil
}

// authStatus turns an HTTP error carrying a token code (105002, or
// 36009004 about the token) into a refused-credentials error.
func authStatus(env envelope, err error) error {
	if env.Code != 0 && errors.Is(codeError(env.Code, env.Message), relay.ErrAuth) {
		return refused(fmt.Errorf("code %d: %s: %w", env.Code, env.Message, err))
	}
	return err
}

// errNoToken is a call made before any token was configured or set.
var errNoToken = refused(errors.New("no access token"))

// refused marks credentials TikTok Shop no longer takes.
func refused(err error) error {
	return fmt.Errorf("tiktok: %w: %w: %w; run `relay connect tiktok`", relay.ErrAuth, relay.ErrPermanent, err)
}

// SetToken makes the client use t's access token, and its shop cipher
// when t has one, from the next call; it implements relay.TokenUser and
// is safe for concurrent use.
func (c *Client) SetToken(t relay.Token) {
	if ci := t.Extra["shop_cipher"]; ci != "" {
		c.cipher.Set(ci)
	}
	c.access.Set(t.Access)
}

func (c *Client) accessToken() string { return c.access.Get(c.cfg.AccessToken) }

func (c *Client) shopCipher() string { return c.cipher.Get(c.cfg.ShopCipher) }

var (
	_ relay.Authorizer = (*Auth)(nil)
	_ relay.TokenUser  = (*Client)(nil)
)
