package tiktoksim

import (
	"crypto/hmac"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/edged/edged/relay/simkit"
)

// Authorisation: GET /open/authorize grants at once and redirects to
// Config.RedirectURL with code and state; on the auth host (this server)
// GET /api/v2/token/get trades the code (single use, 30 minutes) and
// /api/v2/token/refresh a refresh token (single use; a new one comes
// back). A refresh ends the previous access token. GET
// /authorization/202309/shops lists the one shop with its cipher. API
// calls answer 105002 to an expired access token and 36009004 to an
// unknown or revoked one. The configured AccessToken never expires;
// ExpireTokens and Revoke end it.

func (s *Sim) setupAuth() {
	if s.cfg.TokenTTL == 0 {
		s.cfg.TokenTTL = 7 * 24 * time.Hour
	}
	if s.cfg.RefreshTTL == 0 {
		s.cfg.RefreshTTL = 30 * 24 * time.Hour
	}
	s.auth.Setup(s.cfg.Now, simkit.TokenPolicy{CodeTTL: 30 * time.Minute, AccessTTL: s.cfg.TokenTTL, RefreshTTL: s.cfg.RefreshTTL})
	if s.cfg.AccessToken != "" {
		s.auth.Seed(s.cfg.ShopCipher, s.cfg.AccessToken, "")
	}
}

// Revoke ends every token, as when the seller deauthorises the app.
func (s *Sim) Revoke() { s.auth.Revoke() }

// ExpireTokens makes every access token expired now.
func (s *Sim) ExpireTokens() { s.auth.ExpireAccess() }

// badToken answers and reports true when x-tts-access-token does not work.
func (s *Sim) badToken(w http.ResponseWriter, r *http.Request) bool {
	_, err := s.auth.Check(r.Header.Get("x-tts-access-token"))
	switch {
	case errors.Is(err, simkit.ErrTokenExpired):
		reply(w, 401, 105002, "access token is expired", nil)
	case err != nil:
		reply(w, 401, 36009004, "access token is invalid", nil)
	}
	return err != nil
}

func (s *Sim) authorizePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	redirect, err := url.Parse(s.cfg.RedirectURL)
	if err != nil || redirect.Scheme == "" || (s.cfg.ServiceID != "" && q.Get("service_id") != s.cfg.ServiceID) {
		http.Error(w, "unknown service_id or no redirect registered", http.StatusBadRequest)
		return
	}
	back := redirect.Query()
	back.Set("code", s.auth.Code(s.cfg.ShopCipher))
	back.Set("state", q.Get("state"))
	redirect.RawQuery = back.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

func (s *Sim) tokenGet(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if !s.appOK(w, q, "authorized_code") {
		return
	}
	g, err := s.auth.Exchange(q.Get("auth_code"))
	if err != nil {
		reply(w, 200, 36004004, "invalid auth_code", nil)
		return
	}
	s.tokenReply(w, g)
}

func (s *Sim) tokenRefresh(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if !s.appOK(w, q, "refresh_token") {
		return
	}
	g, err := s.auth.Refresh(q.Get("refresh_token"))
	if err != nil {
		reply(w, 200, 36004005, "invalid refresh_token", nil)
		return
	}
	s.tokenReply(w, g)
}

func (s *Sim) appOK(w http.ResponseWriter, q url.Values, grant string) bool {
	if q.Get("app_key") != s.cfg.AppKey || q.Get("app_secret") != s.cfg.AppSecret || q.Get("grant_type") != grant {
		reply(w, 200, 36004003, "invalid app_key, app_secret or grant_type", nil)
		return false
	}
	return true
}

func (s *Sim) tokenReply(w http.ResponseWriter, g simkit.Grant) {
	reply(w, 200, 0, "success", map[string]any{"access_token": g.Access, "access_token_expire_in": g.AccessExpires.Unix(),
		"refresh_token": g.Refresh, "refresh_token_expire_in": g.RefreshExpires.Unix(), "open_id": "7010736057180325637",
		"seller_name": "Edged Sim Shop", "seller_base_region": "MY", "user_type": 0,
		"granted_scopes": []string{"seller.product.basic", "seller.order.info"}})
}

// shops is Get Authorized Shops: signed, no shop_cipher.
func (s *Sim) shops(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	switch {
	case q.Get("app_key") != s.cfg.AppKey || !s.fresh(q.Get("timestamp")):
		reply(w, 401, 36009004, "invalid app_key or timestamp", nil)
	case q.Has("shop_cipher"):
		reply(w, 400, 36009004, "unexpected shop_cipher on an authorization API", nil)
	case !hmac.Equal([]byte(sign(s.cfg.AppSecret, r.URL.Path, q, nil)), []byte(q.Get("sign"))):
		reply(w, 401, 106001, "invalid sign", nil)
	case s.badToken(w, r):
	default:
		reply(w, 200, 0, "Success", map[string]any{"shops": []any{map[string]any{"id": s.cfg.ShopID, "name": "Edged Sim Shop",
			"region": "MY", "seller_type": "LOCAL", "cipher": s.cfg.ShopCipher, "code": "MYLCB4WL3X"}}})
	}
}
