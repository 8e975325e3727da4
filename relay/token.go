package relay

import (
	"context"
	"errors"
	"net/url"
	"time"
)

// ErrAuth marks a channel call refused for its credentials: the access
// token expired or was revoked, or the refresh token no longer works. It
// is permanent (wrapped with ErrPermanent by the adapters) until the
// connection is refreshed or made again with `relay connect CHANNEL`.
var ErrAuth = errors.New("channel refused the credentials")

// Token is one shop's authorisation on a channel, as `relay connect`
// obtains it and the token refresher renews it. Access and Refresh are
// secrets: they are stored encrypted and never logged or shown.
type Token struct {
	Channel Channel `json:"channel"`
	// Shop names the shop: Shopify's shop domain, Lazada's seller or
	// account, Shopee's shop_id, TikTok Shop's shop cipher.
	Shop    string `json:"shop"`
	Access  string `json:"access"`
	Refresh string `json:"refresh,omitempty"`
	// AccessExpires and RefreshExpires are zero when the token does not
	// expire (Shopify's offline tokens).
	AccessExpires  time.Time `json:"access_expires,omitzero"`
	RefreshExpires time.Time `json:"refresh_expires,omitzero"`
	Scopes         []string  `json:"scopes,omitempty"`
	// Obtained is when the pair was issued.
	Obtained time.Time `json:"obtained"`
	// Extra keeps what a channel returns beside the tokens and needs
	// later (Lazada's country, TikTok Shop's shop cipher).
	Extra map[string]string `json:"extra,omitempty"`
}

// Expired reports whether the access token has run out at now.
func (t Token) Expired(now time.Time) bool {
	return !t.AccessExpires.IsZero() && !now.Before(t.AccessExpires)
}

// Authorizer is a channel's OAuth flow; each adapter implements it (its
// auth.go) against the platform's documented endpoints.
type Authorizer interface {
	// AuthURL is the page the seller opens to authorise the app; the
	// platform then redirects to redirect with a code and state.
	AuthURL(state, redirect string) string
	// Exchange trades the redirect's query (the code, plus shop_id or
	// shop where the platform adds them) for a token.
	Exchange(ctx context.Context, redirect url.Values) (Token, error)
	// Refresh renews t. A refresh token that no longer works gives an
	// error wrapping ErrAuth and ErrPermanent.
	Refresh(ctx context.Context, t Token) (Token, error)
}

// TokenUser is a client that takes a renewed token for its next calls.
type TokenUser interface {
	SetToken(Token)
}
