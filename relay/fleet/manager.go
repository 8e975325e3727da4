package fleet

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/edged/edged/relay"
)

// DefaultTTL is the lease time: the longest a channel goes without a
// pusher when its owner dies without a word.
const DefaultTTL = 3 * time.Second

// Engine is what a new owner needs of the stock engine.
type Engine interface {
	Follow(ctx context.Context) error
	Resume(ch relay.Channel)
}

// Manager takes and keeps this instance's channel leases and its
// heartbeat.
type Manager struct {
	leases LeaseStore
	self   Instance
	ttl    time.Duration
	gates  map[relay.Channel]*Gate
	engine Engine
	log    *slog.Logger
	failed bool // the last round failed: log the recovery
}

// NewManager manages gates' leases for self. ttl ≤ 0 means DefaultTTL.
func NewManager(leases LeaseStore, self Instance, ttl time.Duration, gates map[relay.Channel]*Gate, engine Engine, log *slog.Logger) *Manager {
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	return &Manager{leases: leases, self: self, ttl: ttl, gates: gates, engine: engine, log: log}
}

// Run renews every TTL/3 until ctx ends, then gives up the leases it
// holds so that another instance takes them at once.
func (m *Manager) Run(ctx context.Context) error {
	t := time.NewTicker(m.ttl / 3)
	defer t.Stop()
	for {
		m.round(ctx)
		select {
		case <-ctx.Done():
			m.releaseAll()
			return ctx.Err()
		case <-t.C:
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

func (m *Manager) renew(ctx context.Context, ch relay.Channel, g *Gate) error {
	sent := g.now()
	rctx, cancel := context.WithTimeout(ctx, m.ttl/3)
	defer cancel()
	l, err := m.leases.Acquire(rctx, ch, m.self.ID, m.ttl)
	if err != nil {
		return err
	}
	if l.Owner != m.self.ID {
		if epoch, _ := g.lease(); epoch != 0 {
			m.log.Warn("channel lost to another relay", "channel", ch, "owner", l.Owner, "epoch", l.Epoch)
			g.lose()
		}
		return nil
	}
	if g.own(l.Epoch, sent.Add(l.Remaining)) {
		m.takeOver(ctx, ch, g, l)
	}
	return nil
}

// takeOver starts pushing ch from committed state: catch up, forget what
// the dispatcher held, resume the outbox's pending quantities.
func (m *Manager) takeOver(ctx context.Context, ch relay.Channel, g *Gate, l Lease) {
	if err := m.engine.Follow(ctx); err != nil {
		m.log.Warn("catching up before pushing", "channel", ch, "err", err)
	}
	g.d.Drop()
	m.engine.Resume(ch)
	m.log.Info("channel owned: pushing", "channel", ch, "epoch", l.Epoch)
}

func (m *Manager) releaseAll() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for ch, g := range m.gates {
		if epoch, ok := g.lease(); ok {
			g.lose()
			if err := m.leases.Release(ctx, ch, m.self.ID, epoch); err != nil {
				m.log.Warn("lease not released; it runs out by itself", "channel", ch, "err", err)
			}
		}
	}
}
