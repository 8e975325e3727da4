package shopifysim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/edged/edged/relay/simkit"
)

// OAuth: GET /admin/oauth/authorize grants at once and redirects with
// code, hmac, shop, state and timestamp; POST /admin/oauth/access_token
// trades a code (single use, 10 minutes) or, for expiring tokens, a
// single-use refresh token. A refresh ends the previous access token.
// The configured AccessToken works until Revoke, and never expires.

func (s *Sim) setupAuth() {
	if s.cfg.Shop == "" {
		s.cfg.Shop = "edged-sim.myshopify.com"
	}
	if s.cfg.RefreshTTL == 0 {
		s.cfg.RefreshTTL = 90 * 24 * time.Hour
	}
	s.auth.Setup(s.cfg.Now, simkit.TokenPolicy{AccessTTL: s.cfg.TokenTTL, RefreshTTL: s.cfg.RefreshTTL})
	if s.cfg.AccessToken != "" {
		s.auth.Seed(s.cfg.Shop, s.cfg.AccessToken, "")
	}
}

// Revoke ends every token, as when the merchant uninstalls the app.
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
	if err != nil || redirect.Scheme == "" || (s.cfg.ClientID != "" && q.Get("client_id") != s.cfg.ClientID) {
		http.Error(w, "Oauth error invalid_request: The redirect_uri or client_id is not valid", http.StatusBadRequest)
		return
	}
	back := url.Values{"code": {s.auth.Code(s.cfg.Shop)}, "shop": {s.cfg.Shop}, "state": {q.Get("state")},
		"host": {"YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvZWRnZWQtc2lt"}, "timestamp": {fmt.Sprint(s.cfg.Now().Unix())}}
	back.Set("hmac", redirectHMAC(s.cfg.ClientSecret, back))
	redirect.RawQuery = back.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

func (s *Sim) accessToken(w http.ResponseWriter, r *http.Request) {
	var req map[string]string
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		json.NewDecoder(r.Body).Decode(&req)
	} else {
		r.ParseForm()
		req = map[string]string{}
		for k := range r.PostForm {
			req[k] = r.PostForm.Get(k)
		}
	}
	if (s.cfg.ClientID != "" && req["client_id"] != s.cfg.ClientID) || req["client_secret"] != s.cfg.ClientSecret {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "Client credentials are invalid")
		return
	}
	var g simkit.Grant
	var err error
	if req["grant_type"] == "refresh_token" {
		g, err = s.auth.Refresh(req["refresh_token"])
	} else {
		g, err = s.auth.Exchange(req["code"])
	}
	if err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_grant", "The authorization code or refresh token is invalid, used or expired")
		return
	}
	out := map[string]any{"access_token": g.Access, "scope": "write_inventory,read_inventory,read_orders"}
	if s.cfg.TokenTTL > 0 {
		out["expires_in"] = int(s.cfg.TokenTTL.Seconds())
		out["refresh_token"] = g.Refresh
		out["refresh_token_expires_in"] = int(s.cfg.RefreshTTL.Seconds())
	}
	writeJSON(w, out)
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
}

// redirectHMAC is the simulator's own hmac over sorted k=v joined by &.
func redirectHMAC(secret string, q url.Values) string {
	var parts []string
	for k, v := range q {
		if k != "hmac" {
			parts = append(parts, k+"="+strings.Join(v, ","))
		}
	}
	slices.Sort(parts)
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strings.Join(parts, "&")))
	return hex.EncodeToString(m.Sum(nil))
}
