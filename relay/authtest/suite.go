package authtest

import (
	"context"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
)

// Run runs every scenario of the suite on c, each on a fresh simulator.
func Run(t *testing.T, c Case) {
	for _, s := range []struct {
		name string
		run  func(*testing.T, *Rig)
	}{
		{"ExchangeThenPush", exchangeThenPush},
		{"CodeIsSingleUse", codeIsSingleUse},
		{"CodeExpires", codeExpires},
		{"RefreshTokenIsSingleUse", refreshTokenIsSingleUse},
		{"ReplacedAccessIsRefused", replacedAccessIsRefused},
		{"ExpiredAccessIsRefusedUntilRefresh", expiredAccessIsRefused},
		{"RefreshTokenExpires", refreshTokenExpires},
		{"RevokedIsPermanent", revokedIsPermanent},
		{"TokenReplacedInFlightIsRetriedOnce", tokenReplacedInFlight},
	} {
		t.Run(s.name, func(t *testing.T) { s.run(t, Start(t, c)) })
	}
}

// connected is a rig whose client uses a token just obtained.
func connected(t *testing.T, r *Rig) relay.Token {
	t.Helper()
	tok := r.Connect(t)
	r.Client.SetToken(tok)
	return tok
}

// refresh renews tok, failing the test if it cannot.
func refresh(t *testing.T, r *Rig, tok relay.Token) relay.Token {
	t.Helper()
	next, err := r.Auth.Refresh(context.Background(), tok)
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	return next
}

// mustPush pushes qty and checks the simulator took it.
func mustPush(t *testing.T, r *Rig, qty int64) {
	t.Helper()
	if err := r.Push(qty); err != nil {
		t.Fatalf("push %d: %v", qty, err)
	}
	if got := r.Sim.Available(); got != qty {
		t.Fatalf("available %d after pushing %d", got, qty)
	}
}

// refusedSaying checks err is a refusal and names the platform's code.
func refusedSaying(t *testing.T, r *Rig, what string, err error, code string) {
	t.Helper()
	if !r.Refused(err) || !strings.Contains(err.Error(), code) {
		t.Errorf("%s: %v; want ErrAuth, ErrPermanent and `relay connect %s`%s", what, err, r.Case.Channel, orSaying(code))
	}
}

func orSaying(code string) string {
	if code == "" {
		return ""
	}
	return ", saying " + code
}

func exchangeThenPush(t *testing.T, r *Rig) {
	if err := r.Push(1); !r.Refused(err) {
		t.Errorf("push without a token: %v", err)
	}
	tok := r.Connect(t)
	now, c := r.Clock.Now(), r.Case
	if tok.Channel != c.Channel || tok.Shop == "" || tok.Access == "" || tok.Refresh == "" || !tok.Obtained.Equal(now) ||
		!tok.AccessExpires.Equal(now.Add(c.AccessTTL)) || !tok.RefreshExpires.Equal(now.Add(c.RefreshTTL)) {
		t.Errorf("token %+v; want obtained %v, lives %v and %v", tok, now, c.AccessTTL, c.RefreshTTL)
	}
	r.Client.SetToken(tok)
	mustPush(t, r, 3)
}

func codeIsSingleUse(t *testing.T, r *Rig) {
	q := r.Authorize(t)
	if _, err := r.Auth.Exchange(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	_, err := r.Auth.Exchange(context.Background(), q)
	refusedSaying(t, r, "code used twice", err, "")
}

func codeExpires(t *testing.T, r *Rig) {
	q := r.Authorize(t)
	r.Clock.Advance(r.Case.CodeTTL)
	_, err := r.Auth.Exchange(context.Background(), q)
	refusedSaying(t, r, "code at its expiry", err, "")
}

func refreshTokenIsSingleUse(t *testing.T, r *Rig) {
	tok := connected(t, r)
	r.Clock.Advance(r.Case.AccessTTL / 2)
	next := refresh(t, r, tok)
	if next.Access == tok.Access || next.Refresh == tok.Refresh || !next.AccessExpires.Equal(r.Clock.Now().Add(r.Case.AccessTTL)) {
		t.Errorf("refreshed %+v, from %+v", next, tok)
	}
	_, err := r.Auth.Refresh(context.Background(), tok)
	refusedSaying(t, r, "consumed refresh token used again", err, "")
	r.Client.SetToken(next)
	mustPush(t, r, 2)
}

func replacedAccessIsRefused(t *testing.T, r *Rig) {
	if r.Case.KeepsOldAccess {
		t.Skip("a refresh leaves the old access token working; see the adapter's own test")
	}
	tok := connected(t, r)
	next := refresh(t, r, tok)
	refusedSaying(t, r, "push with the replaced access token", r.Push(2), r.Case.Replaced)
	r.Client.SetToken(next)
	mustPush(t, r, 2)
}

func expiredAccessIsRefused(t *testing.T, r *Rig) {
	tok := connected(t, r)
	r.Clock.Advance(r.Case.AccessTTL)
	refusedSaying(t, r, "push with an expired access token", r.Push(4), r.Case.Expired)
	r.Client.SetToken(refresh(t, r, tok))
	mustPush(t, r, 4)
}

func refreshTokenExpires(t *testing.T, r *Rig) {
	tok := connected(t, r)
	r.Clock.Advance(r.Case.RefreshTTL)
	_, err := r.Auth.Refresh(context.Background(), tok)
	refusedSaying(t, r, "refresh token at its expiry", err, "")
}
