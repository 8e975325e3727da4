package ledger

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// request is one unit of work for the writer. apply runs inside the
// write transaction. A rejection (IsRejection) must be returned before
// apply writes anything; any other error aborts the whole transaction.
// An alone request runs in a transaction of its own and any error rolls
// back everything it did (used for all-or-nothing imports).
type request struct {
	apply func(w *wtx) (Result, error)
	alone bool
	reply chan reply
}

type reply struct {
	res Result
	err error
}

// Result is the outcome of a write.
type Result struct {
	Seq       uint64 // the event's sequence (the original one for a duplicate)
	Duplicate bool   // the id was already recorded with the same payload
	Event     *Event // the recorded event, nil for a duplicate
}

// writer is the single goroutine that owns all writes (group commit).
type writer struct {
	l      *Ledger
	reqs   chan *request
	mu     sync.RWMutex // guards closed against sends racing stop
	closed bool
	done   chan struct{}
	// commits counts transactions, for the events-per-commit figure.
	commits atomic.Uint64
}

func startWriter(l *Ledger) *writer {
	w := &writer{l: l, reqs: make(chan *request, l.opts.MaxBatch), done: make(chan struct{})}
	go w.run()
	return w
}

func (w *writer) stop() {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.reqs)
	}
	w.mu.Unlock()
	<-w.done
}

// submit queues r and waits for its durable outcome. If ctx ends first
// the request may still be committed; retry with the same event id.
func (w *writer) submit(ctx context.Context, r *request) (Result, error) {
	r.reply = make(chan reply, 1)
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return Result{}, ErrClosed
	}
	select {
	case w.reqs <- r:
	case <-ctx.Done():
		w.mu.RUnlock()
		return Result{}, ctx.Err()
	}
	w.mu.RUnlock()
	select {
	case rep := <-r.reply:
		return rep.res, rep.err
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
}

func (w *writer) run() {
	defer close(w.done)
	var next *request
	for {
		if next == nil {
			r, ok := <-w.reqs
			if !ok {
				return
			}
			next = r
		}
		if next.alone {
			w.commit(next, false)
			next = nil
			continue
		}
		next = w.commit(next, true)
	}
}

// maxYields bounds how often one batch waits for latecomers.
const maxYields = 4

// commit applies first and, when gather is set, every request that is
// queued or arrives while the transaction is being built, in one
// transaction, and answers each once the commit is durable (or failed).
// It returns a request that must run alone, met while gathering.
func (w *writer) commit(first *request, gather bool) (alone *request) {
	var done []*request
	var replies []reply
	err := w.l.update(func(t *wtx) error {
		for r := first; r != nil; r, alone = w.next(len(done), gather) {
			res, err := r.apply(t)
			if err != nil && (r.alone || !IsRejection(err)) {
				done = append(done, r)
				return err
			}
			done, replies = append(done, r), append(replies, reply{res, err})
		}
		return nil
	})
	w.commits.Add(1)
	for i, r := range done {
		if err != nil {
			r.reply <- reply{err: w.explain(err)}
			continue
		}
		r.reply <- replies[i]
	}
	return alone
}

// next returns the next request to add to a transaction of n requests:
// whatever is queued, else after yielding, since producers answered by
// the last commit are about to submit again and can share this fsync.
// It returns nil at the end, with a request that must run alone if it
// met one.
func (w *writer) next(n int, gather bool) (*request, *request) {
	if !gather || n >= w.l.opts.MaxBatch {
		return nil, nil
	}
	for range maxYields + 1 {
		if r, ok := w.tryRecv(); ok {
			if r.alone {
				return nil, r
			}
			return r, nil
		}
		runtime.Gosched()
	}
	return nil, nil
}

func (w *writer) tryRecv() (*request, bool) {
	select {
	case r, ok := <-w.reqs:
		return r, ok && r != nil
	default:
		return nil, false
	}
}

func (w *writer) explain(err error) error {
	if errors.Is(err, berrors.ErrMaxSizeReached) {
		return fmt.Errorf("ledger: %w at %d bytes: acknowledge and prune old events, run `edged ledger compact`, or raise ledger.max_size: %w",
			ErrLedgerFull, w.l.opts.MaxSize, err)
	}
	if IsRejection(err) {
		return err
	}
	return fmt.Errorf("ledger: commit failed, nothing in this batch was recorded: %w", err)
}

// update runs fn in a write transaction, merging the id tail first when
// it is full, and once the transaction has committed brings the
// in-memory tail up to date. Only the writer calls it.
func (l *Ledger) update(fn func(t *wtx) error) error {
	var t *wtx
	err := l.db.Update(func(tx *bolt.Tx) error {
		t = newWtx(tx, &l.opts, l.tail)
		if len(l.tail) >= idMergeAt {
			if err := t.mergeIDTail(); err != nil {
				return err
			}
		}
		if err := fn(t); err != nil {
			return err
		}
		return t.finish()
	})
	if err == nil {
		l.tail.apply(t)
	}
	return err
}

// write submits a request, failing fast on a read-only ledger.
func (l *Ledger) write(ctx context.Context, r *request) (Result, error) {
	if l.w == nil {
		return Result{}, fmt.Errorf("ledger: %s is open read-only", l.path)
	}
	return l.w.submit(ctx, r)
}
