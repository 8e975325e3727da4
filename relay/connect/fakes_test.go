package connect_test

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/stock"
)

// fakeAuth is a platform whose refreshes give numbered one-hour tokens,
// after failing with errs in turn.
type fakeAuth struct {
	mu    sync.Mutex
	calls int
	errs  []error
	n     int
}

func (a *fakeAuth) AuthURL(state, redirect string) string {
	return redirect + "?" + url.Values{"state": {state}}.Encode()
}

func (a *fakeAuth) Exchange(ctx context.Context, q url.Values) (relay.Token, error) {
	return relay.Token{}, fmt.Errorf("fakeAuth: no exchange")
}

func (a *fakeAuth) Refresh(ctx context.Context, t relay.Token) (relay.Token, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.calls++
	if len(a.errs) > 0 {
		err := a.errs[0]
		a.errs = a.errs[1:]
		return relay.Token{}, err
	}
	a.n++
	now := time.Now()
	return relay.Token{Channel: t.Channel, Shop: t.Shop, Access: fmt.Sprintf("access-%d", a.n), Refresh: fmt.Sprintf("refresh-%d", a.n),
		Obtained: now, AccessExpires: now.Add(time.Hour), RefreshExpires: now.Add(30 * 24 * time.Hour)}, nil
}

func (a *fakeAuth) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.calls
}

// fakeUser is a client; it fails the test when it is handed a token the
// store does not hold yet.
type fakeUser struct {
	t     *testing.T
	store connect.Store
	vault *connect.Vault
	mu    sync.Mutex
	got   []string
}

func (u *fakeUser) SetToken(t relay.Token) {
	r, err := u.store.Connection(context.Background(), t.Channel)
	if err == nil {
		var have relay.Token
		if have, err = u.vault.Open(t.Channel, r.Sealed); err == nil && have.Access != t.Access {
			err = fmt.Errorf("the store holds %s", have.Access)
		}
	}
	if err != nil {
		u.t.Errorf("handed %s before it was stored: %v", t.Access, err)
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.got = append(u.got, t.Access)
}

func (u *fakeUser) last() string {
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.got) == 0 {
		return ""
	}
	return u.got[len(u.got)-1]
}

// flakyStore fails the next fail saves.
type flakyStore struct {
	connect.Store
	mu   sync.Mutex
	fail int
}

func (s *flakyStore) SaveConnection(ctx context.Context, ch relay.Channel, sealed []byte, v uint64) (uint64, error) {
	s.mu.Lock()
	fail := s.fail > 0
	s.fail--
	s.mu.Unlock()
	if fail {
		return 0, fmt.Errorf("%w: disk full", stock.ErrStore)
	}
	return s.Store.SaveConnection(ctx, ch, sealed, v)
}

func boltStore(t *testing.T) *stock.BoltStore {
	t.Helper()
	s, err := stock.OpenBolt(filepath.Join(t.TempDir(), "relay.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// hourToken is Shopee's pair as connected now: 1 h access, 30 days
// refresh.
func hourToken() relay.Token {
	now := time.Now()
	return relay.Token{Channel: relay.Shopee, Shop: "8001", Access: "access-0", Refresh: "refresh-0", Scopes: []string{"item"},
		Obtained: now, AccessExpires: now.Add(time.Hour), RefreshExpires: now.Add(30 * 24 * time.Hour)}
}

func seed(t *testing.T, s connect.Store, v *connect.Vault, tok relay.Token) {
	t.Helper()
	if _, err := connect.Save(context.Background(), s, v, tok); err != nil {
		t.Fatal(err)
	}
}

// start runs r until the test ends.
func start(t *testing.T, r *connect.Refresher) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
}

func status(r *connect.Refresher, ch relay.Channel) connect.Status {
	for _, s := range r.Status() {
		if s.Channel == ch {
			return s
		}
	}
	return connect.Status{}
}
