package uplink

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/edged/edged/uplink/wire"
)

// Deps are the collaborators of an Uplink.
type Deps struct {
	Outbox Outbox // required: the ledger
	Dialer Dialer // required: uplink/mqtt.Dialer
	// Health supplies devices, disk and clock; nil reports none.
	Health HealthProvider
	// Reload is called (from Run's goroutine; it must not block) on the
	// reload command. Nil ignores the command.
	Reload func()
	// Logger receives connection and alarm messages. Default: discard.
	Logger *slog.Logger
	// Version is the software version reported in birth and health.
	Version string
}

// Uplink drains the outbox to the relay. Create it with New and call Run.
type Uplink struct {
	cfg     Config
	d       Deps
	log     *slog.Logger
	boot    string
	started time.Time
	topics  topics

	notify  chan struct{} // Notify: new events recorded
	inbound chan Message  // from the Conn's callbacks
	health  healthQueue
	notes   notices

	mu   sync.Mutex
	link wire.LinkHealth
	al   alarms
}

type topics struct{ deltas, ack, state, health, cmd string }

// New checks cfg and returns an Uplink; it starts nothing.
func New(cfg Config, d Deps) (*Uplink, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if d.Outbox == nil || d.Dialer == nil {
		return nil, fmt.Errorf("%w: Deps.Outbox and Deps.Dialer are required", ErrConfig)
	}
	cfg = cfg.WithDefaults()
	log := d.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	t := func(kind string) string { return wire.Topic(cfg.Site, cfg.Gateway, kind) }
	u := &Uplink{cfg: cfg, d: d, log: log.With("gateway", cfg.Gateway), boot: randomID(), started: time.Now(),
		topics: topics{t(wire.KindDeltas), t(wire.KindAck), t(wire.KindState), t(wire.KindHealth), t(wire.KindCmd)},
		notify: make(chan struct{}, 1), inbound: make(chan Message, 256)}
	u.health.max, u.health.ready = cfg.HealthQueue, make(chan struct{}, 1)
	return u, nil
}

func randomID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails on Linux
	return hex.EncodeToString(b[:])
}

// Boot is the random id of this process run, sent in every message.
func (u *Uplink) Boot() string { return u.boot }

// Notify tells the uplink that events were recorded, so they go out
// without waiting for the next poll. It never blocks.
func (u *Uplink) Notify() {
	select {
	case u.notify <- struct{}{}:
	default:
	}
}

// Run connects, drains and reconnects until ctx ends; it returns nil
// after a clean shutdown (death state published when connected) and an
// error only when the outbox fails.
func (u *Uplink) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	hctx, stop := context.WithCancel(ctx)
	defer stop()
	wg.Go(func() { u.healthLoop(hctx) })
	return u.connectLoop(ctx)
}

// connectLoop runs one session after another with backoff in between.
func (u *Uplink) connectLoop(ctx context.Context) error {
	bo := backoff{base: u.cfg.BackoffMin, max: u.cfg.BackoffMax}
	failures := 0
	for num := uint64(1); ctx.Err() == nil; num++ {
		began := time.Now()
		connected, err := u.session(ctx, num)
		if ctx.Err() != nil {
			return nil
		}
		if errors.Is(err, ErrOutbox) {
			return err
		}
		if connected {
			failures = 0
		}
		if time.Since(began) > u.cfg.BackoffMax {
			bo.reset() // a long session is not part of a reconnect storm
		}
		u.noteFailure(err, failures)
		failures++
		if !sleep(ctx, bo.next()) {
			return nil
		}
	}
	return nil
}

// noteFailure records why the link is down and logs the first failure
// of a run of failed attempts only.
func (u *Uplink) noteFailure(err error, failures int) {
	if failures == 0 {
		u.log.Warn("uplink disconnected; reconnecting with backoff", "err", err)
	}
	u.mu.Lock()
	u.link.Connected, u.link.LastDisconnect, u.link.LastDisconnectTime = false, err.Error(), time.Now()
	u.mu.Unlock()
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
