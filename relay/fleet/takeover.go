package fleet

import (
	"context"
	"time"

	"github.com/edged/edged/relay"
)

func (m *Manager) renew(ctx context.Context, ch relay.Channel, g *Gate) error {
	sent := g.now()
	rctx, cancel := context.WithTimeout(ctx, m.timing.TTL/3)
	defer cancel()
	l, err := m.leases.Acquire(rctx, ch, m.self.ID, m.timing.TTL)
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
// the dispatcher held, resume the outbox's pending quantities. After an
// early takeover the previous owner may be alive and still pushing for
// up to its push timeout, so what this owner pushes meanwhile is pushed
// again once that has passed (a margin either side for the clocks).
func (m *Manager) takeOver(ctx context.Context, ch relay.Channel, g *Gate, l Lease) {
	if err := m.engine.Follow(ctx); err != nil {
		m.log.Warn("catching up before pushing", "channel", ch, "err", err)
	}
	g.d.Drop()
	m.engine.Resume(ch)
	delete(m.settle, ch)
	if l.Forced {
		now := g.now()
		m.settle[ch] = settling{epoch: l.Epoch, since: now, due: now.Add(m.timing.PushTimeout + margin)}
	}
	m.log.Info("channel owned: pushing", "channel", ch, "epoch", l.Epoch, "early", l.Forced)
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
