package authtest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
)

// The scenarios on when a client sends a refused call again: only when
// its token changed meanwhile.

// revokedIsPermanent also checks that a refused token is not sent again:
// the client has no other token to try.
func revokedIsPermanent(t *testing.T, r *Rig) {
	tok := connected(t, r)
	r.Sim.Revoke()
	from := r.wire.count()
	if err := r.Push(1); !r.Refused(err) || relay.Retryable(err) {
		t.Errorf("push after revoke: %v; want a permanent refusal", err)
	}
	if n := len(r.wire.since(from)); n != 1 {
		t.Errorf("push after revoke sent %d requests, want 1", n)
	}
	_, err := r.Auth.Refresh(context.Background(), tok)
	refusedSaying(t, r, "refresh after revoke", err, "")
	r.Client.SetToken(r.Connect(t))
	mustPush(t, r, 1)
}

// tokenReplacedInFlight is the token refresher handing the client a new
// token while a push signed with the old one is on its way: the channel
// refuses the old token (ended by the refresh, or just expired where the
// refresh leaves it working), and the client sends the call again, once,
// with the token it now has.
func tokenReplacedInFlight(t *testing.T, r *Rig) {
	old := connected(t, r)
	mustPush(t, r, 1) // the client learns what it reads before a set
	r.Clock.Advance(r.Case.AccessTTL - time.Minute)
	var next relay.Token
	r.wire.before(func() { next = refreshInFlight(t, r, old) })
	from := r.wire.count()
	mustPush(t, r, 7)
	sent := r.wire.since(from)
	if len(sent) != 2 || !strings.Contains(sent[0], old.Access) || !strings.Contains(sent[1], next.Access) {
		t.Errorf("push sent %d requests; want the one with the old token, then one with the new", len(sent))
	}
}

// refreshInFlight renews old and hands the new token to the client, as
// the refresher does, while the client's request with old is on its way.
func refreshInFlight(t *testing.T, r *Rig, old relay.Token) relay.Token {
	next, err := r.Auth.Refresh(context.Background(), old)
	if err != nil {
		t.Errorf("refresh in flight: %v", err)
	}
	r.Client.SetToken(next)
	if r.Case.KeepsOldAccess {
		r.Clock.Advance(time.Minute) // the old token runs out as the call arrives
	}
	return next
}
