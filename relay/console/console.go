package console

import (
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/edged/edged/relay/audit"
)

// Prefix is where the relay mounts the console.
const Prefix = "/console/"

// Options are what the console needs. Source and Auth are required.
type Options struct {
	Source Source
	// Audit reads the SKU pages' trail; nil: the SKU page says the trail
	// is not kept.
	Audit  audit.Reader
	Auth   Auth
	Logger *slog.Logger
	// Now is the clock (sessions, login limits, "ago"); default time.Now.
	Now func() time.Time
	// Coalesce is the shortest time between two live updates; default
	// 250ms. Heartbeat is the idle stream's keep-alive; default 15s.
	Coalesce, Heartbeat time.Duration
	// OnlineWithin is how recently a gateway must have been heard from to
	// count as online; default 2m.
	OnlineWithin time.Duration
}

// console serves the pages.
type console struct {
	opt   Options
	log   *slog.Logger
	pw    *passwords
	ses   *sessions
	limit *throttle
	pages *pages
	// down ends the event streams when their server shuts down.
	down shutdowns
}

// New returns the console's handler, which expects the full request path
// (mount it at Prefix).
func New(opt Options) (http.Handler, error) {
	if opt.Source == nil {
		return nil, errors.New("console: Options.Source is required")
	}
	opt = withDefaults(opt)
	pw, err := newPasswords(opt.Auth)
	if err != nil {
		return nil, err
	}
	pg, err := parsePages()
	if err != nil {
		return nil, err
	}
	c := &console{opt: opt, log: opt.Logger, pw: pw, pages: pg,
		ses: newSessions(opt.Auth.Key, opt.Auth.SessionTTL, opt.Now), limit: newThrottle(opt.Now)}
	return c.routes(), nil
}

func withDefaults(opt Options) Options {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Auth.SessionTTL <= 0 {
		opt.Auth.SessionTTL = 12 * time.Hour
	}
	if opt.Coalesce <= 0 {
		opt.Coalesce = 250 * time.Millisecond
	}
	if opt.Heartbeat <= 0 {
		opt.Heartbeat = 15 * time.Second
	}
	if opt.OnlineWithin <= 0 {
		opt.OnlineWithin = 2 * time.Minute
	}
	return opt
}

func (c *console) routes() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(assets, "static")
	mux.Handle("GET /console/static/", http.StripPrefix("/console/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /console/login", c.loginPage)
	mux.HandleFunc("POST /console/login", c.login)
	mux.Handle("POST /console/logout", c.authed(c.logout))
	mux.Handle("GET /console/{$}", c.authed(c.stockPage))
	mux.Handle("GET /console/sku/{sku}", c.authed(c.skuPage))
	mux.Handle("GET /console/gateways", c.authed(c.gatewaysPage))
	mux.Handle("GET /console/channels", c.authed(c.channelsPage))
	mux.Handle("GET /console/instances", c.authed(c.instancesPage))
	mux.Handle("GET /console/events", c.authed(c.events))
	return secure(mux)
}

// secure adds the headers every answer needs: no framing, no sniffing,
// scripts and styles from the console only, nothing cached.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin") // no-referrer would make form posts say Origin: null
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}
