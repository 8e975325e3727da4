package relay

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// Dispatcher coalesces quantities for one channel and pushes them.
type Dispatcher struct {
	pusher Pusher
	log    *slog.Logger
	min    time.Duration
	max    time.Duration
	hold   time.Duration
	// secrets are redacted from the errors in st.
	secrets *Secrets

	wake chan struct{}
	mu   sync.Mutex
	next map[string]Item // latest value per Target.Key
	held map[string]time.Time
	// blocked is when holds began to keep pending pushes back, zero while
	// they do not.
	blocked time.Time
	st      ChannelStatus
	conf    Confirmer
	fails   FailureRecorder
	// lastErr is each listing's error last handed to fails, so that a
	// listing failing the same way on every retry is recorded once (Run's
	// own: only its goroutine pushes).
	lastErr map[string]string
}

// Confirmer records pushed quantities durably (the stock engine's outbox,
// through relay/fleet's gate).
type Confirmer interface {
	Confirm(ctx context.Context, items []Item) error
}

// ConfirmTo makes Run report every successful push to c. Call it before
// Run.
func (d *Dispatcher) ConfirmTo(c Confirmer) { d.conf = c }

// Drop forgets every quantity not yet pushed: this relay no longer owns
// the channel, and what it holds may be older than what the owner pushes.
func (d *Dispatcher) Drop() {
	d.mu.Lock()
	clear(d.next)
	d.mu.Unlock()
}

// NewDispatcher returns a dispatcher for channel ch pushing through p. A
// nil logger discards.
func NewDispatcher(ch Channel, p Pusher, cfg DispatcherConfig, log *slog.Logger) *Dispatcher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	d := &Dispatcher{pusher: p, log: log.With("channel", ch), min: cfg.MinBackoff, max: cfg.MaxBackoff, hold: cfg.MaxHold, secrets: cfg.Secrets,
		fails: cfg.Failures}
	if d.min == 0 {
		d.min = 100 * time.Millisecond
	}
	if d.max == 0 {
		d.max = 30 * time.Second
	}
	if d.hold == 0 {
		d.hold = 2 * time.Second
	}
	d.wake = make(chan struct{}, 1)
	d.next = map[string]Item{}
	d.held = map[string]time.Time{}
	d.lastErr = map[string]string{}
	d.st.Channel = ch
	return d
}

// Enqueue records it as the latest quantity for its listing, replacing any
// value not yet pushed, and wakes Run. It never blocks.
func (d *Dispatcher) Enqueue(it Item) {
	d.mu.Lock()
	d.next[it.Target.Key()] = it
	d.mu.Unlock()
	d.poke()
}

func (d *Dispatcher) poke() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Status returns a snapshot of the channel's push status.
func (d *Dispatcher) Status() ChannelStatus {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := d.st.clone()
	s.Pending = len(d.next)
	return s
}

// Run pushes pending quantities until ctx ends; it returns ctx's error.
func (d *Dispatcher) Run(ctx context.Context) error {
	failures := 0
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-d.wake:
		}
		if h := d.holdFor(time.Now()); h > 0 {
			d.waitHold(ctx, h)
			continue
		}
		wait := d.pushOnce(ctx, &failures)
		if wait > 0 && !sleep(ctx, wait) {
			return ctx.Err()
		}
	}
}

// pushOnce pushes everything pending and returns how long to back off.
func (d *Dispatcher) pushOnce(ctx context.Context, failures *int) time.Duration {
	d.mu.Lock()
	batch := make([]Item, 0, len(d.next))
	for _, it := range d.next {
		batch = append(batch, it)
	}
	clear(d.next)
	d.mu.Unlock()
	if len(batch) == 0 {
		return 0
	}
	results := d.pusher.Push(ctx, batch)
	retry := d.record(ctx, results)
	d.confirm(ctx, results)
	d.recordFailures(ctx, results)
	if retry < 0 {
		*failures = 0
		return 0
	}
	*failures++
	return max(retry, d.backoff(*failures))
}

// record updates the status and puts back retryable failures unless a newer
// value arrived meanwhile. It returns -1 when nothing is to be retried, else
// the largest server-requested delay.
func (d *Dispatcher) record(ctx context.Context, results []Result) time.Duration {
	retry := time.Duration(-1)
	now := time.Now()
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, r := range results {
		if ctx.Err() != nil {
			break // shutting down: the push was cut short, not refused
		}
		if r.Err == nil {
			d.st.success(r.Item, now)
			continue
		}
		if errors.Is(r.Err, ErrNotOwner) {
			continue
		}
		d.st.failure(r.Item, r.Err, d.secrets)
		if !Retryable(r.Err) {
			d.log.Warn("push failed permanently", "listing", r.Item.Target.Key(), "err", d.st.LastError) // redacted
			continue
		}
		retry = max(retry, RetryDelay(r.Err))
		if _, newer := d.next[r.Item.Target.Key()]; !newer {
			d.next[r.Item.Target.Key()] = r.Item
			d.st.Retried++
		}
	}
	if retry >= 0 {
		d.log.Debug("push will be retried", "pending", len(d.next), "last_error", d.st.LastError)
		d.poke()
	}
	return retry
}

// confirm reports the successful pushes; a failure leaves them pending
// in the store, and the channel's next owner pushes them again.
func (d *Dispatcher) confirm(ctx context.Context, results []Result) {
	if d.conf == nil || ctx.Err() != nil {
		return
	}
	var ok []Item
	for _, r := range results {
		if r.Err == nil && r.Item.Gen > 0 {
			ok = append(ok, r.Item)
		}
	}
	if len(ok) == 0 {
		return
	}
	if err := d.conf.Confirm(ctx, ok); err != nil {
		d.log.Warn("pushed quantities not recorded; they stay pending", "items", len(ok), "err", err)
	}
}

// recordFailures hands the attempt's failures, redacted, to the
// FailureRecorder: at most one per item and attempt, and none for a
// listing that failed the same way last time (a channel that is down for
// an hour is not 120 rows per listing).
func (d *Dispatcher) recordFailures(ctx context.Context, results []Result) {
	if d.fails == nil || ctx.Err() != nil {
		return
	}
	var failed []PushFailure
	for _, r := range results {
		key := r.Item.Target.Key()
		if r.Err == nil || errors.Is(r.Err, ErrNotOwner) {
			delete(d.lastErr, key)
			continue
		}
		msg := Redact(r.Err.Error(), d.secrets.List()...)
		if d.lastErr[key] != msg {
			d.lastErr[key] = msg
			failed = append(failed, PushFailure{Item: r.Item, Error: msg})
		}
	}
	if len(failed) == 0 {
		return
	}
	if err := d.fails.PushFailed(ctx, d.st.Channel, failed); err != nil {
		d.log.Warn("failed pushes not recorded in the audit trail", "items", len(failed), "err", err)
	}
}

// backoff doubles from min per consecutive failure, capped at max.
func (d *Dispatcher) backoff(failures int) time.Duration {
	b := d.min
	for i := 1; i < failures && b < d.max; i++ {
		b *= 2
	}
	return min(b, d.max)
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
