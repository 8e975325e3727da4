package shopee

import (
	"bytes"
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

// Authorisation APIs (public: signed over partner_id + path + timestamp).
const (
	PathAuthPartner    = "/api/v2/shop/auth_partner"
	PathTokenGet       = "/api/v2/auth/token/get"
	PathAccessTokenGet = "/api/v2/auth/access_token/get"
)

// RefreshTTL is the refresh token's life; Shopee does not return it.
const RefreshTTL = 30 * 24 * time.Hour

// Auth is Shopee's shop authorisation. It implements relay.Authorizer and
// needs no access token. Refresh tokens are single-use: store the pair
// Refresh returns before using it.
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
	return &Auth{cfg: cfg, kit: relay.NewAuthKit(hc, now)}, nil
}

// AuthURL is the auth_partner page. Shopee has no state parameter, so
// state rides in the redirect's query, where Shopee adds code and shop_id.
func (a *Auth) AuthURL(state, redirect string) string {
	if u, err := url.Parse(redirect); err == nil {
		q := u.Query()
		q.Set("state", state)
		u.RawQuery = q.Encode()
		redirect = u.String()
	}
	ts := a.kit.Now().Unix()
	q := url.Values{"partner_id": {a.id()}, "timestamp": {strconv.FormatInt(ts, 10)},
		"sign": {Sign(a.cfg.PartnerKey, a.cfg.PartnerID, PathAuthPartner, ts, "", 0)}, "redirect": {redirect}}
	return a.base() + PathAuthPartner + "?" + q.Encode()
}

// Exchange trades the redirect's code and shop_id at /api/v2/auth/token/get.
func (a *Auth) Exchange(ctx context.Context, redirect url.Values) (relay.Token, error) {
	shop, err := strconv.ParseInt(redirect.Get("shop_id"), 10, 64)
	switch {
	case redirect.Get("code") == "" || err != nil:
		return relay.Token{}, fmt.Errorf("shopee: connect: %w: redirect lacks code or shop_id", relay.ErrPermanent)
	case shop != a.cfg.ShopID:
		return relay.Token{}, fmt.Errorf("shopee: connect: %w: authorised shop %d, but shopee.shop_id is %d", relay.ErrPermanent, shop, a.cfg.ShopID)
	}
	return a.token(ctx, PathTokenGet, map[string]any{"code": redirect.Get("code"), "shop_id": shop, "partner_id": a.cfg.PartnerID})
}

// Refresh trades t's refresh token, which Shopee then consumes, at
// /api/v2/auth/access_token/get.
func (a *Auth) Refresh(ctx context.Context, t relay.Token) (relay.Token, error) {
	if t.Refresh == "" {
		return relay.Token{}, refused(errors.New("no refresh token"))
	}
	return a.token(ctx, PathAccessTokenGet, map[string]any{"refresh_token": t.Refresh, "shop_id": a.cfg.ShopID, "partner_id": a.cfg.PartnerID})
}

// tokenFields are the token APIs' fields: at top level in Shopee's answer
// (some gateways nest them in response, which is accepted too).
type tokenFields struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpireIn     int64  `json:"expire_in"`
}

func (a *Auth) token(ctx context.Context, path string, body map[string]any) (relay.Token, error) {
	obtained := a.kit.Now()
	ts := obtained.Unix()
	q := url.Values{"partner_id": {a.id()}, "timestamp": {strconv.FormatInt(ts, 10)},
		"sign": {Sign(a.cfg.PartnerKey, a.cfg.PartnerID, path, ts, "", 0)}}
	raw, _ := json.Marshal(body) // plain values: cannot fail
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.base()+path+"?"+q.Encode(), bytes.NewReader(raw))
	if err != nil {
		return relay.Token{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	f, err := a.send(req)
	if err != nil {
		return relay.Token{}, fmt.Errorf("shopee: %s: %w", path, err)
	}
	t := relay.IssuedToken(f.AccessToken, f.RefreshToken, f.ExpireIn, int64(RefreshTTL/time.Second), obtained)
	t.Channel, t.Shop = relay.Shopee, strconv.FormatInt(a.cfg.ShopID, 10)
	return t, nil
}

func (a *Auth) send(req *http.Request) (tokenFields, error) {
	resp, body, err := relay.Fetch(a.kit.HTTP, req, 1<<20, a.cfg.PartnerKey)
	if err != nil {
		return tokenFields{}, err
	}
	var ans struct {
		answer
		tokenFields
	}
	jerr := json.Unmarshal(body, &ans)
	if jerr == nil && ans.Error != "" {
		err := apiError(ans.answer)
		if errors.Is(err, relay.ErrPermanent) && !errors.Is(err, relay.ErrAuth) {
			err = refused(err)
		}
		return tokenFields{}, err
	}
	if err := relay.HTTPError(resp, body); err != nil {
		return tokenFields{}, err
	}
	f := ans.tokenFields
	if f.AccessToken == "" && len(ans.Response) > 0 {
		json.Unmarshal(ans.Response, &f) // checked below
	}
	if jerr != nil || f.AccessToken == "" || f.ExpireIn <= 0 {
		return tokenFields{}, fmt.Errorf("%w: no token in answer", relay.ErrUnavailable)
	}
	return f, nil
}

func (a *Auth) base() string { return strings.TrimSuffix(a.cfg.BaseURL, "/") }

func (a *Auth) id() string { return strconv.FormatInt(a.cfg.PartnerID, 10) }

// errNoToken is a call made before any token was configured or set.
var errNoToken = refused(errors.New("no access token"))

// refused marks credentials Shopee no longer takes.
func refused(err error) error {
	return fmt.Errorf("shopee: %w: %w: %w; run `relay connect shopee`", relay.ErrAuth, relay.ErrPermanent, err)
}

// SetToken makes the client use t's access token from its next call; it
// implements relay.TokenUser and is safe for concurrent use. The client
// never refreshes: t.Refresh belongs to the token refresher.
func (c *Client) SetToken(t relay.Token) {
	c.access.Set(t.Access)
}

var (
	_ relay.Authorizer = (*Auth)(nil)
	_ relay.TokenUser  = (*Client)(nil)
)
