package relay

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"sync/atomic"
	"time"
)

// The parts every adapter's OAuth flow and request path share; what
// differs per platform (paths, signatures, field names) stays in the
// adapter.

// AuthKit is what an adapter's Authorizer holds beside its config: the
// client its token requests go through and the clock that dates tokens.
type AuthKit struct {
	HTTP *http.Client
	Now  func() time.Time
}

// NewAuthKit returns a kit; hc nil means http.DefaultClient, now nil
// time.Now.
func NewAuthKit(hc *http.Client, now func() time.Time) AuthKit {
	if hc == nil {
		hc = http.DefaultClient
	}
	if now == nil {
		now = time.Now
	}
	return AuthKit{HTTP: hc, Now: now}
}

// ClientDefaults returns hc, or http.DefaultClient if nil, and log, or a
// logger that discards if nil: what every adapter's New takes nil for.
func ClientDefaults(hc *http.Client, log *slog.Logger) (*http.Client, *slog.Logger) {
	if hc == nil {
		hc = http.DefaultClient
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return hc, log
}

// NeedToConnect joins valid, a config's Validate error, with an error for
// each field the OAuth flow needs and finds empty, so that one run of
// `relay connect` lists every missing field. fields maps config keys
// ("shopify.client_id") to their values.
func NeedToConnect(valid error, fields map[string]string) error {
	errs := []error{valid}
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		if fields[k] == "" {
			errs = append(errs, fmt.Errorf("%s: required to connect", k))
		}
	}
	return errors.Join(errs...)
}

// IssuedToken is a pair issued at obtained whose lives the channel gave in
// seconds (expires_in); a life of 0 or less leaves its expiry zero, for
// tokens that do not expire. The caller adds the channel, shop and extras.
func IssuedToken(access, refresh string, expiresIn, refreshExpiresIn int64, obtained time.Time) Token {
	return Token{Access: access, Refresh: refresh, Obtained: obtained,
		AccessExpires: after(obtained, expiresIn), RefreshExpires: after(obtained, refreshExpiresIn)}
}

func after(t time.Time, seconds int64) time.Time {
	if seconds <= 0 {
		return time.Time{}
	}
	return t.Add(time.Duration(seconds) * time.Second)
}

// Fetch sends req through [Do] with the secrets and reads at most limit
// bytes of the answer, closing it. A failure to send or to read is
// transient; the status is left to the caller, who knows where the
// platform puts its errors.
func Fetch(hc *http.Client, req *http.Request, limit int64, secrets ...string) (*http.Response, []byte, error) {
	resp, err := Do(hc, req, secrets...)
	if err != nil {
		return nil, nil, Transient(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return nil, nil, Transient(err)
	}
	return resp, body, nil
}

// CallWithToken runs call with the client's current token. The token
// refresher may replace that token (SetToken) while the call is in
// flight, and most channels end the old token on refresh: when the call
// is refused for its credentials (ErrAuth) and current now gives another
// token, call runs once more with it. A refusal of the token still
// current is returned as is, permanent: only a new connection helps.
func CallWithToken[T any](current func() string, call func(token string) (T, error)) (T, error) {
	token := current()
	v, err := call(token)
	if !errors.Is(err, ErrAuth) {
		return v, err
	}
	if now := current(); now != "" && now != token {
		return call(now)
	}
	return v, err
}

// Renewed is a value of a client's config that a renewed token replaces
// (the access token, TikTok Shop's shop cipher): Get gives the configured
// value until Set is called. Its zero value is ready, and it is safe for
// concurrent use, since the token refresher sets it while pushes read it.
type Renewed struct{ p atomic.Pointer[string] }

// Set replaces the value from the next Get.
func (r *Renewed) Set(v string) { r.p.Store(&v) }

// Get returns the value set last, or configured if none was.
func (r *Renewed) Get(configured string) string {
	if p := r.p.Load(); p != nil {
		return *p
	}
	return configured
}
