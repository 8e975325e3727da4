package stock

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// commitTimeout bounds one commit, whoever's request started it: a
// webhook must be answered (503 when the store is away) before the
// platform gives up on it.
const commitTimeout = 5 * time.Second

// request is one change waiting for a commit.
type request struct {
	fn   func(*txn) error
	err  error
	done chan struct{}
}

// commitQueue gathers the requests that arrive while a commit runs, so
// that the next commit carries all of them (group commit: one fsync, and
// with a shared store one turn of its write lock, for many changes).
type commitQueue struct {
	mu   sync.Mutex
	reqs []*request
}

func (q *commitQueue) push(r *request) {
	q.mu.Lock()
	q.reqs = append(q.reqs, r)
	q.mu.Unlock()
}

func (q *commitQueue) take() []*request {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := q.reqs
	q.reqs = nil
	return out
}

// update runs fn on a transaction and commits it durably with whatever
// else is queued, then pushes the quantities it changed. On a failed
// commit nothing changes and every request of the commit gets its error.
func (e *Engine) update(ctx context.Context, fn func(tx *txn) error) error {
	r := &request{fn: fn, done: make(chan struct{})}
	e.queue.push(r)
	e.mu.Lock()
	select {
	case <-r.done:
		// An earlier commit took r. What was queued since has goroutines
		// of its own waiting for the lock: committing it here too would
		// split it into more, smaller commits.
	default:
		e.commitLocked(ctx, e.queue.take())
	}
	e.mu.Unlock()
	select {
	case <-r.done: // an earlier commit may have taken r
		return r.err
	case <-ctx.Done(): // the commit goes on; a retry of the caller finds it
		return fmt.Errorf("%w: not committed in time: %w", ErrStore, ctx.Err())
	}
}

func (e *Engine) commitLocked(ctx context.Context, reqs []*request) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), commitTimeout)
	defer cancel()
	err := e.tryCommitLocked(ctx, reqs)
	for attempt := 1; attempt < 4 && (errors.Is(err, ErrConflict) || errors.Is(err, ErrBehind)); attempt++ {
		e.log.Warn("stock copy out of date; reloading from the store", "err", err, "attempt", attempt)
		if err = e.reloadLocked(ctx); err == nil {
			err = e.tryCommitLocked(ctx, reqs)
		}
	}
	for _, r := range reqs {
		if err != nil {
			r.err = err
		}
		close(r.done)
	}
}

// tryCommitLocked is one store transaction: catch up, apply every
// request, add the outbox rows, commit. Each request's own error is kept
// in it; the commit's error is returned.
func (e *Engine) tryCommitLocked(ctx context.Context, reqs []*request) error {
	var tx *txn
	var caught []Mutation
	start := time.Now()
	ver, err := e.opt.Store.Update(ctx, e.ver, func(changes []Change) ([]Mutation, error) {
		var err error
		if caught, err = e.catchUpLocked(changes); err != nil {
			return nil, err
		}
		tx = newTxn(e.st)
		for _, r := range reqs {
			r.err = r.fn(tx)
		}
		e.stageOutbox(tx, time.Now())
		return tx.compacted(), nil
	})
	e.commits.observe(time.Since(start))
	e.effectsLocked(caught)
	if err != nil {
		if tx != nil {
			tx.rollback()
		}
		return err
	}
	e.ver = ver
	e.effectsLocked(tx.compacted())
	return nil
}

// catchUpLocked applies what other relays committed and returns it, for
// effectsLocked.
func (e *Engine) catchUpLocked(changes []Change) ([]Mutation, error) {
	var muts []Mutation
	for _, c := range changes {
		for _, m := range c.Muts {
			if err := e.st.apply(m); err != nil {
				return muts, err
			}
		}
		muts = append(muts, c.Muts...)
		e.ver = max(e.ver, c.Version)
	}
	return muts, nil
}

// Follow brings the copy up to the store's latest commit without
// writing, and pushes what changed: a relay calls it when the store says
// another relay committed (pgstore's notifications) and now and then.
func (e *Engine) Follow(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	changes, err := e.opt.Store.Changes(ctx, e.ver)
	if errors.Is(err, ErrBehind) {
		return e.reloadLocked(ctx)
	}
	if err != nil {
		return err
	}
	caught, err := e.catchUpLocked(changes)
	e.effectsLocked(caught)
	return err
}

// effectsLocked acts on committed mutations: quantities to push, order
// fetches to hold pushes for and start, or to release.
func (e *Engine) effectsLocked(muts []Mutation) {
	for _, m := range muts {
		switch m.Table {
		case TableOutbox:
			if row, ok := e.st.outbox[m.Key]; ok && row.pending() {
				if out := e.opt.Out[row.Target.Channel]; out != nil {
					out.Enqueue(row.item())
				}
			}
		case TableInbox:
			e.inboxEffect(m)
		}
	}
}

func (e *Engine) inboxEffect(m Mutation) {
	ch := channelOf(m.Key)
	h, _ := e.opt.Out[ch].(Holder)
	if m.Value == nil {
		if h != nil {
			h.Release(m.Key)
		}
		return
	}
	if h != nil {
		h.Hold(m.Key)
	}
	e.poke(ch)
}
