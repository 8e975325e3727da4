package console

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// errLogin is the one answer to a failed login: it does not say whether
// the user exists.
const errLogin = "wrong user or password"

type userKey struct{}

// userOf is the logged-in user of a request that passed authed.
func userOf(r *http.Request) string {
	u, _ := r.Context().Value(userKey{}).(string)
	return u
}

// authed lets requests with a session or the bearer token through; it
// sends browsers without one to the login page.
func (c *console) authed(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h := r.Header.Get("Authorization"); h != "" {
			c.bearer(w, r, h, next)
			return
		}
		if ck, err := r.Cookie(cookieName); err == nil {
			if ses, ok := c.ses.check(ck.Value); ok {
				next(w, r.WithContext(context.WithValue(r.Context(), userKey{}, ses.user)))
				return
			}
		}
		if r.Method != http.MethodGet || r.URL.Path == Prefix+"events" {
			http.Error(w, "log in first: "+Prefix+"login", http.StatusUnauthorized)
			return
		}
		http.Redirect(w, r, Prefix+"login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
	})
}

func (c *console) bearer(w http.ResponseWriter, r *http.Request, header string, next http.HandlerFunc) {
	client := clientOf(r)
	if wait := c.limit.wait(client); wait > 0 {
		tooMany(w, wait)
		return
	}
	token, ok := strings.CutPrefix(header, "Bearer ")
	if !ok || !c.pw.bearer(token) {
		c.limit.fail(client)
		c.log.Info("console: bearer token refused", "client", client)
		w.Header().Set("WWW-Authenticate", `Bearer realm="edged console"`)
		http.Error(w, "wrong or missing bearer token", http.StatusUnauthorized)
		return
	}
	next(w, r.WithContext(context.WithValue(r.Context(), userKey{}, "token")))
}

func tooMany(w http.ResponseWriter, wait time.Duration) {
	secs := int(math.Ceil(wait.Seconds()))
	w.Header().Set("Retry-After", fmt.Sprint(secs))
	http.Error(w, fmt.Sprintf("too many failed logins from your address; try again in %d s", secs), http.StatusTooManyRequests)
}

func (c *console) loginPage(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, http.StatusOK, "login", loginData{Next: safeNext(r.URL.Query().Get("next"))})
}

type loginData struct {
	Next, Error string
}

// login checks the form and starts a session.
func (c *console) login(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		http.Error(w, "cross-site login refused", http.StatusForbidden)
		return
	}
	client := clientOf(r)
	if wait := c.limit.wait(client); wait > 0 {
		tooMany(w, wait)
		return
	}
	user, next := r.PostFormValue("user"), safeNext(r.PostFormValue("next"))
	if !c.pw.check(user, r.PostFormValue("password")) {
		c.limit.fail(client)
		c.log.Info("console: login refused", "client", client)
		c.render(w, r, http.StatusUnauthorized, "login", loginData{Next: next, Error: errLogin})
		return
	}
	value, exp := c.ses.issue(user)
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: value, Path: Prefix, Expires: exp,
		HttpOnly: true, Secure: overTLS(r), SameSite: http.SameSiteStrictMode})
	c.log.Info("console: logged in", "user", user, "client", client)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (c *console) logout(w http.ResponseWriter, r *http.Request) {
	if ck, err := r.Cookie(cookieName); err == nil {
		if ses, ok := c.ses.check(ck.Value); ok {
			c.ses.revoke(ses)
		}
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: Prefix, MaxAge: -1,
		HttpOnly: true, Secure: overTLS(r), SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, Prefix+"login", http.StatusSeeOther)
}

// safeNext keeps redirects after login inside the console.
func safeNext(next string) string {
	if !strings.HasPrefix(next, Prefix) || strings.HasPrefix(next, "//") || strings.Contains(next, `\`) {
		return Prefix
	}
	return next
}

// sameOrigin refuses a form posted from another site (a login CSRF);
// browsers send Origin with every POST.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true // not a browser, or an old one: nothing to protect
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

func overTLS(r *http.Request) bool {
	return r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}
