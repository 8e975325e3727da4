package connect_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
)

func links(a *fakeAuth, u *fakeUser) map[relay.Channel]connect.Link {
	return map[relay.Channel]connect.Link{relay.Shopee: {Auth: a, User: u}}
}

// The token is renewed at 80% of its hour, stored, then handed over; a
// second relay that does not own the channel takes it from the store.
func TestRefreshBeforeExpiryAndShareIt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store, v := boltStore(t), vault(t, 1)
		seed(t, store, v, hourToken())
		authA, userA := &fakeAuth{}, &fakeUser{t: t, store: store, vault: v}
		authB, userB := &fakeAuth{}, &fakeUser{t: t, store: store, vault: v}
		a := connect.NewRefresher(connect.Options{Store: store, Vault: v, Channels: links(authA, userA)})
		b := connect.NewRefresher(connect.Options{Store: store, Vault: v, Channels: links(authB, userB),
			Owned: func(relay.Channel) bool { return false }})
		start(t, a)
		start(t, b)
		synctest.Wait()
		if userA.last() != "access-0" || userB.last() != "access-0" {
			t.Fatalf("at start the clients have %q and %q", userA.last(), userB.last())
		}
		time.Sleep(47 * time.Minute)
		synctest.Wait()
		if authA.count() != 0 {
			t.Fatalf("refreshed %d times before 80%% of the token's life", authA.count())
		}
		time.Sleep(time.Minute + time.Second)
		synctest.Wait()
		if authA.count() != 1 || userA.last() != "access-1" {
			t.Fatalf("at 48 min: %d refreshes, client has %q", authA.count(), userA.last())
		}
		time.Sleep(connect.DefaultPoll)
		synctest.Wait()
		if userB.last() != "access-1" || authB.count() != 0 {
			t.Errorf("the other relay has %q after %d refreshes of its own", userB.last(), authB.count())
		}
		s := status(a, relay.Shopee)
		if s.Version != 2 || s.LastRefresh.IsZero() || s.Shop != "8001" || s.LastError != "" || !s.AccessExpires.After(time.Now()) {
			t.Errorf("status %+v", s)
		}
		if js, _ := json.Marshal(a.Status()); bytes.Contains(js, []byte("access-")) || bytes.Contains(js, []byte("refresh-")) {
			t.Errorf("the status shows a token: %s", js)
		}
	})
}

func TestTransientFailuresAreRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store, v := boltStore(t), vault(t, 1)
		seed(t, store, v, hourToken())
		busy := fmt.Errorf("shopee: %w: system busy", relay.ErrUnavailable)
		auth, user := &fakeAuth{errs: []error{busy, busy}}, &fakeUser{t: t, store: store, vault: v}
		r := connect.NewRefresher(connect.Options{Store: store, Vault: v, Channels: links(auth, user)})
		start(t, r)
		time.Sleep(48*time.Minute + 100*time.Millisecond)
		synctest.Wait()
		if s := status(r, relay.Shopee); auth.count() != 1 || !strings.Contains(s.LastError, "system busy") || s.Permanent {
			t.Fatalf("after the first failure: %d calls, status %+v", auth.count(), s)
		}
		time.Sleep(10 * time.Second)
		synctest.Wait()
		if s := status(r, relay.Shopee); auth.count() != 3 || user.last() != "access-1" || s.LastError != "" {
			t.Errorf("10 s later: %d calls, client has %q, status %+v", auth.count(), user.last(), s)
		}
	})
}

// A pair renewed while the store is down is kept and stored later, not
// asked for again: Shopee's refresh token works once.
func TestRenewedPairSurvivesAFailedSave(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		bolt, v := boltStore(t), vault(t, 1)
		seed(t, bolt, v, hourToken())
		store := &flakyStore{Store: bolt, fail: 2}
		auth, user := &fakeAuth{}, &fakeUser{t: t, store: bolt, vault: v}
		r := connect.NewRefresher(connect.Options{Store: store, Vault: v, Channels: links(auth, user)})
		start(t, r)
		time.Sleep(48*time.Minute + 100*time.Millisecond)
		synctest.Wait()
		if user.last() != "access-0" || !strings.Contains(status(r, relay.Shopee).LastError, "disk full") {
			t.Fatalf("with the store failing the client has %q, status %+v", user.last(), status(r, relay.Shopee))
		}
		time.Sleep(10 * time.Second)
		synctest.Wait()
		if auth.count() != 1 || user.last() != "access-1" {
			t.Errorf("%d refreshes, client has %q; want the first pair stored and used", auth.count(), user.last())
		}
	})
}

func TestRevokedAuthorisationAsksToConnect(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store, v := boltStore(t), vault(t, 1)
		seed(t, store, v, hourToken())
		revoked := fmt.Errorf("shopee: %w: %w: invalid refresh_token", relay.ErrAuth, relay.ErrPermanent)
		auth, user := &fakeAuth{errs: []error{revoked}}, &fakeUser{t: t, store: store, vault: v}
		r := connect.NewRefresher(connect.Options{Store: store, Vault: v, Channels: links(auth, user)})
		start(t, r)
		time.Sleep(2 * time.Hour)
		synctest.Wait()
		s := status(r, relay.Shopee)
		if auth.count() != 1 || !s.Permanent || !strings.Contains(s.LastError, "shopee: authorisation expired or revoked: run `relay connect shopee`") {
			t.Fatalf("%d calls, status %+v", auth.count(), s)
		}
		tok := hourToken() // relay connect shopee, again
		tok.Access = "access-reconnected"
		seed(t, store, v, tok)
		time.Sleep(connect.DefaultPoll)
		synctest.Wait()
		if s := status(r, relay.Shopee); user.last() != "access-reconnected" || s.Permanent || s.LastError != "" {
			t.Errorf("after connecting again: client has %q, status %+v", user.last(), s)
		}
	})
}

func TestWarnsBeforeTheRefreshTokenRunsOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store, v := boltStore(t), vault(t, 1)
		tok := hourToken()
		tok.AccessExpires, tok.RefreshExpires = time.Time{}, time.Now().Add(5*24*time.Hour+time.Hour)
		seed(t, store, v, tok)
		var logs syncBuffer
		log := slog.New(slog.NewTextHandler(&logs, nil))
		user := &fakeUser{t: t, store: store, vault: v}
		quiet := connect.NewRefresher(connect.Options{Store: store, Vault: v, Channels: links(&fakeAuth{}, user), WarnBefore: 3 * 24 * time.Hour})
		r := connect.NewRefresher(connect.Options{Store: store, Vault: v, Channels: links(&fakeAuth{}, user), Logger: log})
		start(t, quiet)
		start(t, r)
		time.Sleep(time.Hour)
		synctest.Wait()
		want := "shopee: the refresh token runs out in 5 days"
		if w := status(r, relay.Shopee).Warning; !strings.Contains(w, want) || !strings.Contains(w, "relay connect shopee") {
			t.Errorf("warning %q, want %q", w, want)
		}
		if n := strings.Count(logs.String(), want); n != 1 {
			t.Errorf("logged %d times in an hour, want once:\n%s", n, logs.String())
		}
		if w := status(quiet, relay.Shopee).Warning; w != "" {
			t.Errorf("warned %q with warn_before 3 days", w)
		}
	})
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestRefreshAt(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		life time.Duration
		want time.Duration
	}{{time.Hour, 48 * time.Minute}, {4 * time.Hour, 192 * time.Minute}, {30 * time.Minute, 20 * time.Minute}, {5 * time.Minute, 150 * time.Second}} {
		tok := relay.Token{Refresh: "r", Obtained: now, AccessExpires: now.Add(c.life)}
		if got := connect.RefreshAt(tok).Sub(now); got != c.want {
			t.Errorf("life %v: refresh after %v, want %v", c.life, got, c.want)
		}
	}
	if at := connect.RefreshAt(relay.Token{Access: "offline"}); !at.IsZero() {
		t.Errorf("a token that does not expire is refreshed at %v", at)
	}
}
