package console_test

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay/console"
)

func TestNoSessionGoesToTheLoginPage(t *testing.T) {
	s := newSite(t, &fakeSource{}, nil)
	c := s.client(t)
	resp, err := c.Get(s.srv.URL + "/console/sku/A?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/console/login?next="+url.QueryEscape("/console/sku/A?x=1") {
		t.Errorf("GET without a session: %s to %q, want 303 to the login page", resp.Status, resp.Header.Get("Location"))
	}
	for _, path := range []string{"/console/events?view=stock", "/console/gateways", "/console/channels", "/console/instances"} {
		code, _ := get(t, c, s.srv.URL+path)
		if code != http.StatusSeeOther && code != http.StatusUnauthorized {
			t.Errorf("GET %s without a session: %d", path, code)
		}
	}
	if code, body := get(t, c, s.srv.URL+"/console/login"); code != 200 || !strings.Contains(body, `<label for="password">`) {
		t.Errorf("login page: %d %q", code, body)
	}
	if code, body := get(t, c, s.srv.URL+"/console/static/console.css"); code != 200 || !strings.Contains(body, "--fg") {
		t.Errorf("static css without a session: %d", code)
	}
}

func TestLoginStartsAStrictHTTPOnlySession(t *testing.T) {
	s := newSite(t, &fakeSource{skus: []console.SKU{agreeing("TEE", "wh1", 3, "shopify")}, channels: channelsOf("shopify")}, nil)
	c := s.client(t)
	resp := s.login(t, c, testUser, testPassword)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/console/" {
		t.Fatalf("login: %s to %q", resp.Status, resp.Header.Get("Location"))
	}
	ck := resp.Cookies()[0]
	if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Secure || ck.Path != "/console/" {
		t.Errorf("cookie %+v: want HttpOnly, SameSite=Strict, not Secure over plain HTTP, path /console/", ck)
	}
	code, body := get(t, c, s.srv.URL+"/console/")
	if code != 200 || !strings.Contains(body, "Logged in as ann") || !strings.Contains(body, `id="row-TEE"`) {
		t.Errorf("stock page with a session: %d\n%s", code, body)
	}
	if strings.Contains(s.log.String(), ck.Value) || strings.Contains(s.log.String(), testPassword) {
		t.Errorf("the log shows the cookie or the password:\n%s", s.log.String())
	}
}

func TestSessionCookieIsSecureOverTLS(t *testing.T) {
	h, err := console.New(console.Options{Source: &fakeSource{}, Auth: console.Auth{Users: []console.User{{Name: testUser, Hash: testHash()}}}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewTLSServer(h)
	defer srv.Close()
	c := srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.PostForm(srv.URL+"/console/login", url.Values{"user": {testUser}, "password": {testPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cks := resp.Cookies(); len(cks) != 1 || !cks[0].Secure {
		t.Errorf("cookies over TLS %+v, want one Secure", cks)
	}
}

func TestWrongPasswordAndUnknownUserGetTheSameAnswer(t *testing.T) {
	s := newSite(t, &fakeSource{}, nil)
	var bodies []string
	for _, try := range [][2]string{{testUser, "wrong"}, {"nobody", testPassword}, {"", ""}} {
		resp := s.login(t, s.client(t), try[0], try[1])
		b := new(strings.Builder)
		_, _ = readBody(b, resp)
		if resp.StatusCode != http.StatusUnauthorized || len(resp.Cookies()) != 0 {
			t.Errorf("login %q: %s with %d cookies, want 401 and none", try[0], resp.Status, len(resp.Cookies()))
		}
		bodies = append(bodies, strings.ReplaceAll(b.String(), try[0], ""))
	}
	if !strings.Contains(bodies[0], "wrong user or password") || bodies[0] != bodies[1] {
		t.Errorf("answers differ or lack the generic error:\n%s\n---\n%s", bodies[0], bodies[1])
	}
	if strings.Contains(s.log.String(), "wrong") || strings.Contains(s.log.String(), testPassword) {
		t.Errorf("the log shows a tried password:\n%s", s.log.String())
	}
}

func TestFailedLoginsAreLimitedPerClient(t *testing.T) {
	s := newSite(t, &fakeSource{}, nil)
	for range 5 {
		s.login(t, s.client(t), testUser, "guess")
	}
	resp := s.login(t, s.client(t), testUser, testPassword)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "60" {
		t.Errorf("6th login: %s, Retry-After %q; want 429 and 60", resp.Status, resp.Header.Get("Retry-After"))
	}
	s.clock.advance(time.Minute)
	if resp := s.login(t, s.client(t), testUser, testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login after the window: %s", resp.Status)
	}
}

func TestBearerToken(t *testing.T) {
	s := newSite(t, &fakeSource{skus: []console.SKU{agreeing("TEE", "wh1", 3)}}, nil)
	c := s.client(t)
	if code, body := get(t, c, s.srv.URL+"/console/", "Authorization", "Bearer "+testToken); code != 200 || !strings.Contains(body, "row-TEE") {
		t.Errorf("right token: %d", code)
	}
	for _, h := range []string{"Bearer wrong", "Bearer " + testToken + "x", "Basic " + base64.StdEncoding.EncodeToString([]byte("ann:"+testPassword))} {
		req, _ := http.NewRequest(http.MethodGet, s.srv.URL+"/console/", nil)
		req.Header.Set("Authorization", h)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("Authorization %q: %s, want 401 with WWW-Authenticate", h[:6], resp.Status)
		}
	}
	if strings.Contains(s.log.String(), testToken) {
		t.Errorf("the log shows the token:\n%s", s.log.String())
	}
}

// sessionCookie is the raw session cookie of a logged-in client.
func sessionCookie(t *testing.T, s *site) string {
	t.Helper()
	resp := s.login(t, s.client(t), testUser, testPassword)
	return resp.Cookies()[0].Value
}

func TestTamperedExpiredOrLoggedOutCookiesAreRefused(t *testing.T) {
	s := newSite(t, &fakeSource{}, nil)
	good := sessionCookie(t, s)
	payload, sig, _ := strings.Cut(good, ".")
	raw, _ := base64.RawURLEncoding.DecodeString(payload)
	forged := base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(raw), "|ann", "|root", 1))) + "." + sig
	flipped := payload + "." + strings.Map(func(r rune) rune {
		if r == 'A' {
			return 'B'
		}
		return 'A'
	}, sig)
	for name, v := range map[string]string{"forged user": forged, "flipped signature": flipped, "no signature": payload, "garbage": "x.y"} {
		if code := getWithCookie(t, s, v); code != http.StatusSeeOther {
			t.Errorf("%s: %d, want 303 to the login page", name, code)
		}
	}
	if code := getWithCookie(t, s, good); code != 200 {
		t.Fatalf("the untampered cookie: %d", code)
	}
	s.clock.advance(12*time.Hour + time.Second)
	if code := getWithCookie(t, s, good); code != http.StatusSeeOther {
		t.Errorf("expired cookie: %d", code)
	}
	s.clock.advance(-12 * time.Hour)
	logout(t, s, good)
	if code := getWithCookie(t, s, good); code != http.StatusSeeOther {
		t.Errorf("cookie after logout: %d", code)
	}
}

func getWithCookie(t *testing.T, s *site, value string) int {
	t.Helper()
	code, _ := get(t, s.client(t), s.srv.URL+"/console/", "Cookie", "edged_console="+value)
	return code
}

func logout(t *testing.T, s *site, value string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/console/logout", nil)
	req.Header.Set("Cookie", "edged_console="+value)
	resp, err := s.client(t).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %s", resp.Status)
	}
}

func TestCrossSiteLoginIsRefused(t *testing.T) {
	s := newSite(t, &fakeSource{}, nil)
	req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/console/login",
		strings.NewReader(url.Values{"user": {testUser}, "password": {testPassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	resp, err := s.client(t).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site login: %s", resp.Status)
	}
}

func TestNewRefusesAConsoleNobodyCanOpen(t *testing.T) {
	if _, err := console.New(console.Options{Source: &fakeSource{}}); err == nil {
		t.Error("no users and no token accepted")
	}
	if _, err := console.New(console.Options{Source: &fakeSource{}, Auth: console.Auth{Users: []console.User{{Name: "a", Hash: []byte("plain")}}}}); err == nil ||
		strings.Contains(err.Error(), "plain") {
		t.Errorf("a plain-text password: %v (must be refused without quoting it)", err)
	}
}

func TestLoginRedirectsOnlyInsideTheConsole(t *testing.T) {
	s := newSite(t, &fakeSource{}, nil)
	for next, want := range map[string]string{"/console/sku/A": "/console/sku/A", "//evil.example/console/": "/console/",
		"https://evil.example/": "/console/", `/console/\evil`: "/console/"} {
		resp, err := s.client(t).PostForm(s.srv.URL+"/console/login", url.Values{"user": {testUser}, "password": {testPassword}, "next": {next}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Location"); got != want {
			t.Errorf("next %q: redirected to %q, want %q", next, got, want)
		}
	}
}
