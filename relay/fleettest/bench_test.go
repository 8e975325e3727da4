package fleettest

import (
	"context"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/flashsale"
)

// failoversPerOp is how many owners one iteration kills: each kill takes
// a fraction of a second plus a restart, so an iteration takes a few
// seconds.
const failoversPerOp = 4

// BenchmarkFailover measures the failover time of a channel: from the
// SIGKILL of its owner until another instance owns it and has pushed a
// quantity to it (the simulators log every push by instance). Three
// relays on PostgreSQL with the default lease TTL (3 s); the gateways move
// Steady every 50 ms, so a new owner always has something to push soon
// (the figure includes that wait, 25 ms on average). Each
// iteration kills the owner of the next channel failoversPerOp times,
// restarting it after the failover; every channel the killed relay owned
// counts. Metrics: failover-p50-ms and failover-p99-ms (nearest rank),
// and failovers (how many were measured).
func BenchmarkFailover(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := newFleet(b, 3)
	if err := f.gws[0].receive(ctx, Steady, 10); err != nil {
		b.Fatal(err)
	}
	var bg background
	bg.run(func() error { return f.feedSteady(ctx, 50*time.Millisecond) })
	defer func() {
		cancel()
		for _, err := range bg.wait() {
			b.Error(err)
		}
	}()
	if _, err := f.owner(ctx, relay.Shopify); err != nil {
		b.Fatal(err)
	}
	var fos []failover
	i := 0
	for b.Loop() {
		for range failoversPerOp {
			p, got := f.killOwner(ctx, relay.Channels()[i%len(relay.Channels())])
			i++
			for _, fo := range got {
				if err := fo.check(); err != nil {
					b.Fatalf("%s: %v", fo.ch, err)
				}
			}
			fos = append(fos, got...)
			f.restart(p)
		}
	}
	d := durations(fos)
	b.ReportMetric(ms(flashsale.Percentile(d, 0.50)), "failover-p50-ms")
	b.ReportMetric(ms(flashsale.Percentile(d, 0.99)), "failover-p99-ms")
	b.ReportMetric(float64(len(d)), "failovers")
	for _, e := range f.unexpectedExits() {
		b.Error(e)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
