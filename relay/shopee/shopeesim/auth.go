package shopeesim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/edged/edged/relay/simkit"
)

// Authorisation: GET /api/v2/shop/auth_partner (public signature) grants
// at once and redirects to redirect with code and shop_id added;
// POST /api/v2/auth/token/get trades the code (single use, 10 minutes) and
// POST /api/v2/auth/access_token/get a refresh token (single use, 30
// days). After a refresh the previous access token stays valid until its
// own 4-hour expiry, as Shopee documents access tokens as reusable until
// they expire. The configured AccessToken and RefreshToken never expire;
// ExpireTokens and Revoke end them.

func (s *Sim) setupAuth() {
	if s.cfg.RefreshTTL == 0 {
		s.cfg.RefreshTTL = 30 * 24 * time.Hour
	}
	s.auth.Setup(s.cfg.Now, simkit.TokenPolicy{AccessTTL: s.cfg.TokenTTL, RefreshTTL: s.cfg.RefreshTTL, KeepOldAccess: true})
	if s.cfg.AccessToken != "" {
		s.auth.Seed(itoa(s.cfg.ShopID), s.cfg.AccessToken, s.cfg.RefreshToken)
	}
}

// Revoke ends every token, as when the seller cancels the authorisation.
func (s *Sim) Revoke() { s.auth.Revoke() }

func (s *Sim) tokenOK(token string) bool {
	_, err := s.auth.Check(token)
	return err == nil
}

func (s *Sim) authPartner(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, false) {
		return
	}
	redirect, err := url.Parse(r.URL.Query().Get("redirect"))
	if err != nil || redirect.Scheme == "" {
		reply(w, "error_param", "Invalid redirect.", nil)
		return
	}
	q := redirect.Query()
	q.Set("code", s.auth.Code(itoa(s.cfg.ShopID)))
	q.Set("shop_id", itoa(s.cfg.ShopID))
	redirect.RawQuery = q.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

type tokenRequest struct {
	Code         string `json:"code"`
	RefreshToken string `json:"refresh_token"`
	ShopID       int64  `json:"shop_id"`
	PartnerID    int64  `json:"partner_id"`
}

func (s *Sim) tokenGet(w http.ResponseWriter, r *http.Request) {
	req, ok := s.tokenRequest(w, r)
	if !ok {
		return
	}
	g, err := s.auth.Exchange(req.Code)
	if err != nil {
		reply(w, "error_auth", "Invalid code.", nil)
		return
	}
	s.tokenReply(w, g)
}

func (s *Sim) accessTokenGet(w http.ResponseWriter, r *http.Request) {
	req, ok := s.tokenRequest(w, r)
	if !ok {
		return
	}
	g, err := s.auth.Refresh(req.RefreshToken)
	if err != nil {
		reply(w, "error_auth", "Invalid refresh_token.", nil)
		return
	}
	s.tokenReply(w, g)
}

func (s *Sim) tokenRequest(w http.ResponseWriter, r *http.Request) (tokenRequest, bool) {
	if !s.authorize(w, r, false) {
		return tokenRequest{}, false
	}
	var req tokenRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.ShopID != s.cfg.ShopID || req.PartnerID != s.cfg.PartnerID {
		reply(w, "error_param", "Wrong shop_id or partner_id.", nil)
		return req, false
	}
	return req, true
}

// tokenReply answers with the fields at top level, as the token APIs do.
func (s *Sim) tokenReply(w http.ResponseWriter, g simkit.Grant) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"access_token": g.Access, "refresh_token": g.Refresh,
		"expire_in": int(s.cfg.TokenTTL.Seconds()), "shop_id": s.cfg.ShopID, "partner_id": s.cfg.PartnerID,
		"request_id": "e3e3e7f3token", "error": "", "message": ""})
}
