package connect

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/edged/edged/relay"
)

// Defaults of Options.
const (
	DefaultPoll       = 5 * time.Second
	DefaultWarnBefore = 7 * 24 * time.Hour
	// RefreshMargin is the longest an access token is kept before its
	// expiry: it is renewed at 80% of its life or this long before it runs
	// out, whichever comes first.
	RefreshMargin = 10 * time.Minute
	maxBackoff    = 5 * time.Minute
)

// Link is what the refresher needs of one channel: its OAuth flow and the
// client that uses the token.
type Link struct {
	Auth relay.Authorizer
	User relay.TokenUser
}

// Options configure a Refresher. Zero fields take their defaults.
type Options struct {
	Store Store
	Vault *Vault
	// Channels are the channels to keep; one without a stored connection
	// is left alone (its client may use a configured token) until one is
	// stored.
	Channels map[relay.Channel]Link
	// Owned reports whether this instance pushes to the channel; only the
	// owner refreshes. Nil: every channel is owned (one relay).
	Owned func(relay.Channel) bool
	// Poll is how often the store is read for a newer version. Default
	// DefaultPoll.
	Poll time.Duration
	// WarnBefore is how long before the refresh token runs out the status
	// and the log warn. Default DefaultWarnBefore (7 days).
	WarnBefore time.Duration
	Logger     *slog.Logger
}

// Refresher keeps each channel's client on the newest stored token and
// renews tokens on the instance that owns the channel. Use one per relay
// process; the store is how instances share the renewed tokens.
type Refresher struct {
	o       Options
	keepers []*keeper
	mu      sync.Mutex
	st      map[relay.Channel]*Status
}

// NewRefresher returns a refresher; Run starts it.
func NewRefresher(o Options) *Refresher {
	if o.Owned == nil {
		o.Owned = func(relay.Channel) bool { return true }
	}
	if o.Poll <= 0 {
		o.Poll = DefaultPoll
	}
	if o.WarnBefore <= 0 {
		o.WarnBefore = DefaultWarnBefore
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	r := &Refresher{o: o, st: map[relay.Channel]*Status{}}
	for ch, l := range o.Channels {
		r.st[ch] = &Status{Channel: ch}
		r.keepers = append(r.keepers, &keeper{r: r, ch: ch, link: l, log: o.Logger.With("channel", ch)})
	}
	return r
}

// Load hands every stored token to its client once, so that the clients
// have them before the first push. Call it before Run, not during.
func (r *Refresher) Load(ctx context.Context) {
	for _, k := range r.keepers {
		k.sync(ctx)
	}
}

// Run keeps every channel until ctx ends, one goroutine each, and returns
// nil then.
func (r *Refresher) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for _, k := range r.keepers {
		wg.Go(func() { k.run(ctx) })
	}
	wg.Wait()
	return nil
}

// Status is a snapshot of every channel's connection, by channel name.
func (r *Refresher) Status() []Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Status, 0, len(r.st))
	for _, s := range r.st {
		c := *s
		c.Scopes = append([]string(nil), s.Scopes...)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Channel < out[j].Channel })
	return out
}

// update changes ch's status under the lock.
func (r *Refresher) update(ch relay.Channel, f func(*Status)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f(r.st[ch])
}

// RefreshAt is when t should be renewed: at 80% of its life or
// RefreshMargin before it expires, whichever is earlier, but not before
// half its life. It is zero when
// t does not expire or cannot be refreshed.
func RefreshAt(t relay.Token) time.Time {
	if t.AccessExpires.IsZero() || t.Refresh == "" {
		return time.Time{}
	}
	at := t.AccessExpires.Add(-RefreshMargin)
	if !t.Obtained.IsZero() && t.Obtained.Before(t.AccessExpires) {
		life := t.AccessExpires.Sub(t.Obtained)
		at = minTime(at, t.Obtained.Add(life*8/10))
		if half := t.Obtained.Add(life / 2); at.Before(half) {
			at = half // a token shorter than the margin is not renewed at once, in a loop
		}
	}
	return at
}

// Permanent reports whether a refresh failure needs the seller to connect
// again.
func Permanent(err error) bool {
	return errors.Is(err, relay.ErrAuth) || errors.Is(err, relay.ErrPermanent)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
