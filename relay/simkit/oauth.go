package simkit

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sync"
	"time"
)

// Errors of the OAuth state; each simulator turns them into its
// platform's error answer.
var (
	// ErrBadCode is an authorisation code unknown, used or expired.
	ErrBadCode = errors.New("simkit: invalid authorization code")
	// ErrBadRefresh is a refresh token unknown, consumed, expired or revoked.
	ErrBadRefresh = errors.New("simkit: invalid refresh token")
	// ErrTokenExpired is an access token past its expiry.
	ErrTokenExpired = errors.New("simkit: access token expired")
	// ErrTokenInvalid is an access token unknown, replaced or revoked.
	ErrTokenInvalid = errors.New("simkit: access token invalid")
)

// TokenPolicy sets the lifetimes of a simulator's tokens. A zero AccessTTL
// or RefreshTTL means the token never expires (Shopify's offline tokens).
type TokenPolicy struct {
	CodeTTL, AccessTTL, RefreshTTL time.Duration
	// KeepOldAccess leaves the previous access token working until its own
	// expiry after a refresh (Shopee); otherwise a refresh ends it.
	KeepOldAccess bool
}

// Grant is one issued token pair.
type Grant struct {
	Shop                          string
	Access, Refresh               string
	AccessExpires, RefreshExpires time.Time // zero: no expiry
}

type code struct {
	shop    string
	expires time.Time
}

// Tokens is a simulator's OAuth state: single-use authorisation codes,
// access tokens and single-use refresh tokens, all expiring on the
// simulator's clock. Call Setup before use; it is safe for concurrent use.
type Tokens struct {
	mu      sync.Mutex
	now     func() time.Time
	policy  TokenPolicy
	codes   map[string]code
	access  map[string]Grant // access token → its grant
	refresh map[string]Grant // live refresh token → its grant
}

// Setup sets the clock and lifetimes; a zero CodeTTL takes 10 minutes.
func (t *Tokens) Setup(now func() time.Time, p TokenPolicy) {
	if p.CodeTTL == 0 {
		p.CodeTTL = 10 * time.Minute
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.now, t.policy = now, p
	t.codes, t.access, t.refresh = map[string]code{}, map[string]Grant{}, map[string]Grant{}
}

// Seed installs a configured pair (refresh may be empty) that does not
// expire: it stands for a connection made before the simulator started,
// so long demos keep working. ExpireAccess and Revoke still end it.
func (t *Tokens) Seed(shop, access, refresh string) Grant {
	t.mu.Lock()
	defer t.mu.Unlock()
	g := Grant{Shop: shop, Access: access, Refresh: refresh}
	t.access[access] = g
	if refresh != "" {
		t.refresh[refresh] = g
	}
	return g
}

// Code issues an authorisation code for shop.
func (t *Tokens) Code(shop string) string {
	c := "code-" + randHex()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.codes[c] = code{shop, t.now().Add(t.policy.CodeTTL)}
	return c
}

// Exchange consumes code and issues a fresh pair for its shop.
func (t *Tokens) Exchange(c string) (Grant, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	got, ok := t.codes[c]
	delete(t.codes, c)
	if !ok || !t.now().Before(got.expires) {
		return Grant{}, ErrBadCode
	}
	return t.issue(got.shop, "access-"+randHex(), "refresh-"+randHex()), nil
}

// Refresh consumes refresh and issues a new pair. Unless KeepOldAccess,
// the previous access token stops working.
func (t *Tokens) Refresh(refresh string) (Grant, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	old, ok := t.refresh[refresh]
	delete(t.refresh, refresh)
	if !ok || live(old.RefreshExpires, t.now()) != nil {
		return Grant{}, ErrBadRefresh
	}
	if !t.policy.KeepOldAccess {
		delete(t.access, old.Access)
	}
	return t.issue(old.Shop, "access-"+randHex(), "refresh-"+randHex()), nil
}

// Check returns the grant of a working access token, or ErrTokenExpired
// or ErrTokenInvalid.
func (t *Tokens) Check(access string) (Grant, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	g, ok := t.access[access]
	if !ok || access == "" {
		return Grant{}, ErrTokenInvalid
	}
	if live(g.AccessExpires, t.now()) != nil {
		return Grant{}, ErrTokenExpired
	}
	return g, nil
}

// Revoke ends every token and code, as when the seller removes the app.
func (t *Tokens) Revoke() {
	t.mu.Lock()
	defer t.mu.Unlock()
	clear(t.codes)
	clear(t.access)
	clear(t.refresh)
}

// ExpireAccess makes every access token expired now, keeping refresh tokens.
func (t *Tokens) ExpireAccess() {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	for k, g := range t.access {
		g.AccessExpires = now
		t.access[k] = g
	}
}

func (t *Tokens) issue(shop, access, refresh string) Grant {
	now := t.now()
	g := Grant{Shop: shop, Access: access, Refresh: refresh}
	if t.policy.AccessTTL > 0 {
		g.AccessExpires = now.Add(t.policy.AccessTTL)
	}
	if t.policy.RefreshTTL > 0 && refresh != "" {
		g.RefreshExpires = now.Add(t.policy.RefreshTTL)
	}
	t.access[access] = g
	if refresh != "" {
		t.refresh[refresh] = g
	}
	return g
}

func live(expires, now time.Time) error {
	if !expires.IsZero() && !now.Before(expires) {
		return ErrTokenExpired
	}
	return nil
}

func randHex() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Clock is a settable clock for tests, safe for concurrent use; make it
// with NewClock.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time; pass it as a simulator's or client's Now.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
