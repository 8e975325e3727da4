package lazadasim

import (
	"crypto/hmac"
	"net/http"
	"net/url"
	"time"

	"github.com/edged/edged/relay/simkit"
)

// OAuth on the same server as the API (the auth host in production):
// GET /oauth/authorize grants at once and redirects with code and state;
// /rest/auth/token/create trades a code (single use, 10 minutes) and
// /rest/auth/token/refresh a refresh token (single use; Lazada answers
// with a new one). A refresh ends the previous access token. Both are
// signed like any call, without access_token. The configured AccessToken
// never expires; ExpireTokens and Revoke end it.

func (s *Sim) setupAuth() {
	if s.cfg.TokenTTL == 0 {
		s.cfg.TokenTTL = 7 * 24 * time.Hour
	}
	if s.cfg.RefreshTTL == 0 {
		s.cfg.RefreshTTL = 30 * 24 * time.Hour
	}
	s.auth.Setup(s.cfg.Now, simkit.TokenPolicy{AccessTTL: s.cfg.TokenTTL, RefreshTTL: s.cfg.RefreshTTL})
	if s.cfg.AccessToken != "" {
		s.auth.Seed(s.cfg.SellerID, s.cfg.AccessToken, "")
	}
}

// Revoke ends every token, as when the seller cancels the authorisation.
func (s *Sim) Revoke() { s.auth.Revoke() }

// ExpireTokens makes every access token expired now.
func (s *Sim) ExpireTokens() { s.auth.ExpireAccess() }

func (s *Sim) tokenOK(token string) bool {
	_, err := s.auth.Check(token)
	return err == nil
}

func (s *Sim) authorizePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	redirect, err := url.Parse(q.Get("redirect_uri"))
	if err != nil || redirect.Scheme == "" || q.Get("client_id") != s.cfg.AppKey || q.Get("response_type") != "code" {
		http.Error(w, "invalid client_id, response_type or redirect_uri", http.StatusBadRequest)
		return
	}
	redirect.RawQuery = url.Values{"code": {s.auth.Code(s.cfg.SellerID)}, "state": {q.Get("state")}}.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

func (s *Sim) tokenCreate(w http.ResponseWriter, r *http.Request) {
	p, ok := s.appSigned(w, r, "/auth/token/create")
	if !ok {
		return
	}
	g, err := s.auth.Exchange(p["code"])
	if err != nil {
		reply(w, "InvalidCode", "Invalid authorization code", nil)
		return
	}
	s.tokenReply(w, g)
}

func (s *Sim) tokenRefresh(w http.ResponseWriter, r *http.Request) {
	p, ok := s.appSigned(w, r, "/auth/token/refresh")
	if !ok {
		return
	}
	g, err := s.auth.Refresh(p["refresh_token"])
	if err != nil {
		reply(w, "IllegalRefreshToken", "The specified refresh token is invalid or expired", nil)
		return
	}
	s.tokenReply(w, g)
}

func (s *Sim) tokenReply(w http.ResponseWriter, g simkit.Grant) {
	reply(w, "0", "", map[string]any{"access_token": g.Access, "refresh_token": g.Refresh,
		"expires_in": int(s.cfg.TokenTTL.Seconds()), "refresh_expires_in": int(s.cfg.RefreshTTL.Seconds()),
		"account": "seller@edged.example", "country": "sg", "account_platform": "seller_center",
		"country_user_info": []any{map[string]any{"country": "sg", "user_id": "100" + s.cfg.SellerID,
			"seller_id": s.cfg.SellerID, "short_code": "SG4LH3F"}}})
}

// appSigned checks app_key, timestamp and signature of a token call.
func (s *Sim) appSigned(w http.ResponseWriter, r *http.Request, apiPath string) (map[string]string, bool) {
	p := params(r)
	switch {
	case p["app_key"] != s.cfg.AppKey:
		reply(w, "InvalidAppKey", "app_key not found", nil)
	case p["sign_method"] != "sha256":
		reply(w, "InvalidSignMethod", "sign_method must be sha256", nil)
	case !s.freshTimestamp(p["timestamp"]):
		reply(w, "InvalidTimestamp", "timestamp is out of the 7200 s window", nil)
	case !hmac.Equal([]byte(sign(s.cfg.AppSecret, apiPath, p)), []byte(p["sign"])):
		reply(w, "IncompleteSignature", "The request signature does not conform to platform standards", nil)
	default:
		return p, true
	}
	return nil, false
}
