package connect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/edged/edged/relay"
)

// saveTimeout bounds the save of a renewed pair, which goes on after the
// relay is told to stop: the old refresh token may no longer work.
const saveTimeout = 15 * time.Second

// keeper is one channel's loop; only its goroutine touches its fields.
type keeper struct {
	r    *Refresher
	ch   relay.Channel
	link Link
	log  *slog.Logger

	ver      uint64      // stored version of tok
	tok      relay.Token // valid when have
	have     bool
	pending  *relay.Token // renewed but not yet stored
	failures int
	retryAt  time.Time
	dead     bool // refused for good until a new version is stored
	warned   time.Time
}

func (k *keeper) run(ctx context.Context) {
	for {
		k.sync(ctx)
		k.refresh(ctx)
		now := time.Now()
		k.warn(now)
		t := time.NewTimer(k.next(now))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// sync loads the stored connection and, when its version is new, hands
// the token to the client.
func (k *keeper) sync(ctx context.Context) {
	rec, err := k.r.o.Store.Connection(ctx, k.ch)
	if errors.Is(err, ErrNotConnected) || ctx.Err() != nil {
		return
	}
	if err != nil {
		k.log.Warn("read the stored connection", "err", err)
		k.r.update(k.ch, func(s *Status) { s.LastError = err.Error() })
		return
	}
	if rec.Version == k.ver {
		return
	}
	k.ver, k.pending = rec.Version, nil // a pair renewed here but not stored lost the race
	t, err := k.r.o.Vault.Open(k.ch, rec.Sealed)
	if err != nil {
		k.have = false
		k.log.Error("open the stored connection", "version", rec.Version, "err", err)
		k.r.update(k.ch, func(s *Status) { s.LastError, s.Permanent = err.Error(), true })
		return
	}
	k.tok, k.have, k.dead, k.failures, k.retryAt = t, true, false, 0, time.Time{}
	k.link.User.SetToken(t)
	k.log.Info("connection loaded", "version", rec.Version, "shop", t.Shop, "access_expires", t.AccessExpires)
	k.r.update(k.ch, func(s *Status) { s.token(t, rec.Version); s.LastError, s.Permanent = "", false })
}

// refresh renews the token when it is due and this instance owns the
// channel, storing the new pair before the client gets it.
func (k *keeper) refresh(ctx context.Context) {
	now := time.Now()
	if !k.have || k.dead || now.Before(k.retryAt) || !k.r.o.Owned(k.ch) {
		return
	}
	if k.pending == nil {
		if at := RefreshAt(k.tok); at.IsZero() || now.Before(at) {
			return
		}
		t, err := k.link.Auth.Refresh(ctx, k.tok)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			k.fail(err, now)
			return
		}
		t = complete(t, k.tok, now)
		k.pending = &t
	}
	k.store(ctx, now)
}

// store saves the pending pair with compare-and-set, then uses it.
func (k *keeper) store(ctx context.Context, now time.Time) {
	t := *k.pending
	sealed, err := k.r.o.Vault.Seal(t)
	if err != nil {
		k.pending = nil
		k.fail(err, now)
		return
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), saveTimeout)
	defer cancel()
	ver, err := k.r.o.Store.SaveConnection(sctx, k.ch, sealed, k.ver)
	if errors.Is(err, ErrConflict) {
		k.pending = nil
		k.log.Info("the connection changed meanwhile (another instance, or relay connect); using the stored one")
		k.sync(ctx)
		return
	}
	if err != nil {
		k.fail(fmt.Errorf("store the renewed token: %w", err), now)
		return
	}
	k.ver, k.tok, k.pending, k.failures, k.retryAt = ver, t, nil, 0, time.Time{}
	k.link.User.SetToken(t)
	k.log.Info("token refreshed", "version", ver, "access_expires", t.AccessExpires, "refresh_expires", t.RefreshExpires)
	k.r.update(k.ch, func(s *Status) {
		s.token(t, ver)
		s.LastRefresh, s.LastError, s.Permanent = now, "", false
	})
}

// fail records a refresh failure: permanent ones wait for `relay connect`,
// others are retried with backoff.
func (k *keeper) fail(err error, now time.Time) {
	if Permanent(err) {
		k.dead = true
		msg := fmt.Sprintf("%s: authorisation expired or revoked: run `relay connect %s`", k.ch, k.ch)
		k.log.Error(msg, "err", err)
		k.r.update(k.ch, func(s *Status) { s.LastError, s.Permanent = msg+" ("+err.Error()+")", true })
		return
	}
	k.failures++
	d := backoff(k.failures)
	if ra := relay.RetryDelay(err); ra > 0 {
		d = ra
	}
	k.retryAt = now.Add(d)
	k.log.Warn("token refresh failed; retrying", "attempt", k.failures, "in", d, "err", err)
	k.r.update(k.ch, func(s *Status) { s.LastError, s.Permanent = err.Error(), false })
}

// next is how long to wait: the poll period, or less when a refresh or a
// retry falls due sooner.
func (k *keeper) next(now time.Time) time.Duration {
	d := k.r.o.Poll
	for _, at := range []time.Time{k.retryAt, k.dueAt()} {
		if at.After(now) && at.Sub(now) < d {
			d = at.Sub(now)
		}
	}
	return d
}

func (k *keeper) dueAt() time.Time {
	if !k.have || k.dead {
		return time.Time{}
	}
	return RefreshAt(k.tok)
}

// complete fills what a channel's refresh answer may leave out from the
// token it renewed.
func complete(t, old relay.Token, now time.Time) relay.Token {
	if t.Channel == "" {
		t.Channel = old.Channel
	}
	if t.Shop == "" {
		t.Shop = old.Shop
	}
	if t.Scopes == nil {
		t.Scopes = old.Scopes
	}
	if t.Extra == nil {
		t.Extra = old.Extra
	}
	if t.Obtained.IsZero() {
		t.Obtained = now
	}
	return t
}

// backoff is the delay before retry n (1, 2, ...): 1s doubling to 5
// minutes, plus up to a fifth at random.
func backoff(n int) time.Duration {
	d := maxBackoff
	if n < 10 {
		d = min(time.Second<<(n-1), maxBackoff)
	}
	return d + rand.N(d/5+1)
}
