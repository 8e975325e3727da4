package fleet

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/edged/edged/relay"
)

// DefaultTTL is the lease time: the longest a channel goes without a
// pusher when its owner is cut off from the store but its session with
// the store is not seen to end (a network partition). An owner that dies
// is replaced within watchEvery or so.
const DefaultTTL = 3 * time.Second

// DefaultPushTimeout bounds one push after its lease check.
const DefaultPushTimeout = 2 * time.Second

// watchEvery is how often an instance looks for leases whose owner died.
const watchEvery = 100 * time.Millisecond

// Timing is how leases and pushes are timed.
type Timing struct {
	// TTL is how long a lease lasts without renewal; renewed every third
	// of it. ≤ 0 means DefaultTTL.
	TTL time.Duration
	// PushTimeout is the longest a push may run after its lease check: a
	// new owner that took a lease early repushes what it pushed once this
	// has passed, over anything a cut-off owner still had in flight.
	// ≤ 0 means DefaultPushTimeout.
	PushTimeout time.Duration
}

func (t Timing) orDefaults() Timing {
	if t.TTL <= 0 {
		t.TTL = DefaultTTL
	}
	if t.PushTimeout <= 0 {
		t.PushTimeout = DefaultPushTimeout
	}
	return t
}

// Engine is what a new owner needs of the stock engine.
type Engine interface {
	Follow(ctx context.Context) error
	Resume(ch relay.Channel)
	// Settle pushes again every listing of ch pushed since the given time
	// or still pending.
	Settle(ch relay.Channel, since time.Time)
}

// settling is a repush due after an early takeover.
type settling struct {
	epoch      uint64
	since, due time.Time
}

// Manager takes and keeps this instance's channel leases and its
// heartbeat.
type Manager struct {
	leases LeaseStore
	self   Instance
	timing Timing
	gates  map[relay.Channel]*Gate
	engine Engine
	log    *slog.Logger
	failed bool // the last round failed: log the recovery
	settle map[relay.Channel]settling
}

// NewManager manages gates' leases for self.
func NewManager(leases LeaseStore, self Instance, timing Timing, gates map[relay.Channel]*Gate, engine Engine, log *slog.Logger) *Manager {
	return &Manager{leases: leases, self: self, timing: timing.orDefaults(), gates: gates, engine: engine, log: log,
		settle: map[relay.Channel]settling{}}
}

// Run renews every TTL/3 and looks for dead owners every watchEvery until
// ctx ends, then gives up the leases it holds so that another instance
// takes them at once.
func (m *Manager) Run(ctx context.Context) error {
	renew := time.NewTicker(m.timing.TTL / 3)
	defer renew.Stop()
	watch := time.NewTicker(watchEvery)
	defer watch.Stop()
	m.round(ctx)
	for {
		select {
		case <-ctx.Done():
			m.releaseAll()
			return ctx.Err()
		case <-renew.C:
			m.round(ctx)
		case <-watch.C:
			m.watch(ctx)
		}
	}
}

func (m *Manager) round(ctx context.Context) {
	err := m.leases.Heartbeat(ctx, m.self)
	for ch, g := range m.gates {
		err = errors.Join(err, m.renew(ctx, ch, g))
	}
	switch {
	case err != nil && !m.failed:
		m.log.Error("store unreachable: leases not renewed; pushes stop when they run out", "err", err)
	case err == nil && m.failed:
		m.log.Info("store reachable again")
	}
	m.failed = err != nil
}

// watch takes the channels whose owner is gone and runs the repushes that
// are due; errors wait for the next round, which logs them.
func (m *Manager) watch(ctx context.Context) {
	wctx, cancel := context.WithTimeout(ctx, watchEvery)
	vacant, err := m.leases.Vacant(wctx, m.self.ID)
	cancel()
	for _, ch := range vacant {
		if g := m.gates[ch]; g != nil && err == nil {
			_ = m.renew(ctx, ch, g)
		}
	}
	for ch, s := range m.settle {
		if g := m.gates[ch]; !g.now().Before(s.due) {
			delete(m.settle, ch)
			if epoch, ok := g.lease(); ok && epoch == s.epoch {
				m.engine.Settle(ch, s.since)
			}
		}
	}
}
