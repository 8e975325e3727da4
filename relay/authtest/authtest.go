// Package authtest is the contract suite of the channel adapters' OAuth
// flows and of their clients' use of tokens. Each adapter's auth_test.go
// runs it against its own simulator over 127.0.0.1, on a simkit.Clock, so
// that the four adapters answer the same scenarios the same way; what only
// one platform does stays in that adapter's tests.
package authtest

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/simkit"
)

// Callback is the redirect URL the suite registers and passes to AuthURL;
// nothing listens there, since the suite reads the redirect's Location.
const Callback = "http://127.0.0.1:9/callback"

// Client is an adapter's client as the suite uses it.
type Client interface {
	relay.Pusher
	relay.TokenUser
}

// Sim is a started simulator, as the suite drives it.
type Sim struct {
	// URL is the server's base URL; HTTP is its client (httptest's).
	URL  string
	HTTP *http.Client
	// Revoke ends every token and code, as when the seller removes the app.
	Revoke func()
	// Item is pushable to a listing of the simulator (its Qty is set by
	// the suite); Available reads that listing's quantity.
	Item      relay.Item
	Available func() int64
}

// Case is one channel's part of the suite: how to start its simulator and
// build its flow and client, and the lives its simulator gives.
type Case struct {
	Channel relay.Channel
	// Start starts the simulator with now as its clock and Callback as the
	// registered redirect; it must stop when t ends.
	Start func(t *testing.T, now func() time.Time) Sim
	// NewAuth and NewClient build the flow and a client without a token for
	// sim, sending through hc and timing with now.
	NewAuth   func(sim Sim, hc *http.Client, now func() time.Time) (relay.Authorizer, error)
	NewClient func(sim Sim, hc *http.Client, now func() time.Time) (Client, error)
	// CodeTTL, AccessTTL and RefreshTTL are the lives the simulator gives
	// an authorisation code, an access token and a refresh token.
	CodeTTL, AccessTTL, RefreshTTL time.Duration
	// KeepsOldAccess is set where a refresh leaves the previous access
	// token working until its own expiry (Shopee) instead of ending it.
	KeepsOldAccess bool
	// Replaced and Expired, when set, must appear in the refusal of a
	// replaced and of an expired access token (the platform's code).
	Replaced, Expired string
}

// Rig is a started simulator with a flow and a client for it, on a clock
// of its own.
type Rig struct {
	Case   Case
	Sim    Sim
	Clock  *simkit.Clock
	Auth   relay.Authorizer
	Client Client
	wire   *wire // the client's transport
}

// Start starts c's simulator and builds its flow and a client without a
// token; the clock reads 2026-09-01 08:00 UTC.
func Start(t *testing.T, c Case) *Rig {
	t.Helper()
	r := &Rig{Case: c, Clock: simkit.NewClock(time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC))}
	r.Sim = c.Start(t, r.Clock.Now)
	r.wire = &wire{base: r.Sim.HTTP.Transport}
	var err error
	if r.Auth, err = c.NewAuth(r.Sim, r.Sim.HTTP, r.Clock.Now); err != nil {
		t.Fatal(err)
	}
	if r.Client, err = c.NewClient(r.Sim, &http.Client{Transport: r.wire}, r.Clock.Now); err != nil {
		t.Fatal(err)
	}
	return r
}

// Authorize opens the grant page with state "st4te" and returns the query
// of the redirect to Callback.
func (r *Rig) Authorize(t *testing.T) url.Values {
	t.Helper()
	hc := &http.Client{Transport: r.Sim.HTTP.Transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(r.Auth.AuthURL("st4te", Callback))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	u, err := url.Parse(loc)
	if err != nil || resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, Callback) || u.Query().Get("state") != "st4te" {
		t.Fatalf("grant page: %s, Location %q", resp.Status, loc)
	}
	return u.Query()
}

// Connect authorises and exchanges the code, as `relay connect` does.
func (r *Rig) Connect(t *testing.T) relay.Token {
	t.Helper()
	tok, err := r.Auth.Exchange(context.Background(), r.Authorize(t))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	return tok
}

// Push pushes qty to the simulator's listing and returns the item's error.
func (r *Rig) Push(qty int64) error {
	it := r.Sim.Item
	it.Qty = qty
	return r.Client.Push(context.Background(), []relay.Item{it})[0].Err
}

// Refused reports whether err is the refusal of credentials that only a
// new connection fixes, and says so: `relay connect CHANNEL`.
func (r *Rig) Refused(err error) bool {
	return errors.Is(err, relay.ErrAuth) && errors.Is(err, relay.ErrPermanent) &&
		strings.Contains(err.Error(), "relay connect "+string(r.Case.Channel))
}
