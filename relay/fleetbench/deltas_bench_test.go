package fleetbench_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edged/edged/relay/stock"
)

// The delta workload: gateways in one warehouse, each sending its ledger
// events in batches of 100 to 500 (the uplink packs up to
// wire.MaxBatchEvents = 500 under load) with the uplink's default window
// of 16 unacknowledged batches, over benchSKUs SKUs.
const (
	deltaGateways   = 8
	deltaPerGateway = 6000
	deltaWindow     = 16
	deltaMinBatch   = 100
	deltaMaxBatch   = 500
)

// BenchmarkRelayDeltas measures ledger events applied durably per second
// by 1 bbolt relay and by 1 and 3 relay instances on one PostgreSQL
// database. One op is 48,000 events from 8 gateways. The broker is
// modelled as an MQTT shared subscription: each published batch goes to
// the next instance in turn, whatever its gateway, and each instance
// handles its messages one at a time in arrival order (the intake's
// SetOrderMatters). A batch that reaches an instance before its
// predecessor has committed elsewhere is staged (ErrSeqGap) and applied
// by the predecessor's commit, which acknowledges both. A gateway sends
// its next batch while fewer than 16 are unacknowledged; the clock stops
// when every gateway has its last event acknowledged, that is committed.
// Every quantity change writes the four channels' outbox rows; pushes go
// nowhere. Each instance follows the others' commits (LISTEN/NOTIFY then
// Follow), as relay/server does.
//
// Metrics: events/s; events/commit (store versions per op); staged-batches
// (batches that arrived before their predecessor, per op).
func BenchmarkRelayDeltas(b *testing.B) {
	for _, c := range []struct {
		kind      string
		instances int
	}{{"bbolt", 1}, {"postgres", 1}, {"postgres", 3}} {
		b.Run(fmt.Sprintf("%s/instances=%d", c.kind, c.instances), func(b *testing.B) {
			m := benchMapping(b)
			var elapsed time.Duration
			var commits, staged uint64
			for i := range b.N {
				r := runDeltas(b, c.kind, c.instances, m, uint64(i))
				elapsed, commits, staged = elapsed+r.elapsed, commits+r.commits, staged+r.staged
			}
			events := float64(b.N * deltaGateways * deltaPerGateway)
			b.ReportMetric(events/elapsed.Seconds(), "events/s")
			b.ReportMetric(events/float64(commits), "events/commit")
			b.ReportMetric(float64(staged)/float64(b.N), "staged-batches")
			b.ReportMetric(0, "ns/op")
		})
	}
}

type deltaRun struct {
	elapsed         time.Duration
	commits, staged uint64
}

func runDeltas(b *testing.B, kind string, n int, m *stock.Mapping, seed uint64) deltaRun {
	b.StopTimer()
	defer b.StartTimer()
	es := openEngines(b, kind, n, m)
	defer es.stop()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	gws := make([]*gateway, deltaGateways)
	for g := range gws {
		gws[g] = newGateway(g, seed)
		// A gateway the relays already know, as in steady state: the
		// first batch of an unknown gateway may start at any seq.
		if _, err := es.list[0].ApplyBatch(ctx, gws[g].key, gws[g].first); err != nil {
			b.Fatal(err)
		}
	}
	v0 := es.list[0].Version()
	gaps0 := gapsOf(es.list)
	b.StartTimer()
	start := time.Now()
	err := deliver(ctx, es.list, gws)
	elapsed := time.Since(start)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	checkApplied(b, es.list, gws)
	return deltaRun{elapsed: elapsed, commits: es.list[0].Version() - v0, staged: gapsOf(es.list) - gaps0}
}

func gapsOf(list []*stock.Engine) uint64 {
	var n uint64
	for _, e := range list {
		n += e.Counters().Gaps
	}
	return n
}

// gateway is one gateway's uplink: its batches in seq order and the
// relays' cumulative ack.
type gateway struct {
	key     string
	first   []stock.Sequenced // seq 1, applied before the clock starts
	batches [][]stock.Sequenced
	onHand  map[string]int64 // what its events add per SKU, first included

	mu    sync.Mutex
	moved *sync.Cond
	acked uint64
}

func newGateway(g int, seed uint64) *gateway {
	rng := rand.New(rand.NewPCG(seed, uint64(g)))
	gw := &gateway{key: fmt.Sprintf("gw-%d@epoch-1", g), onHand: map[string]int64{}}
	gw.moved = sync.NewCond(&gw.mu)
	seq := uint64(1)
	gw.first = []stock.Sequenced{gw.event(rng, seq)}
	for left := deltaPerGateway; left > 0; {
		size := min(left, deltaMinBatch+rng.IntN(deltaMaxBatch-deltaMinBatch+1))
		batch := make([]stock.Sequenced, size)
		for i := range batch {
			seq++
			batch[i] = gw.event(rng, seq)
		}
		gw.batches = append(gw.batches, batch)
		left -= size
	}
	return gw
}

// event is a receipt (60 %), a pick (30 %) or an adjustment (10 %) of a
// random SKU.
func (gw *gateway) event(rng *rand.Rand, seq uint64) stock.Sequenced {
	d := stock.Delta{SKU: skuName(rng.IntN(benchSKUs)), Site: benchSite}
	switch k := rng.IntN(10); {
	case k < 6:
		d.Kind, d.Qty = stock.Receive, 1+rng.Int64N(3)
	case k < 9:
		d.Kind, d.Qty = stock.Pick, -1
	default:
		d.Kind, d.Qty = stock.Adjust, 2*rng.Int64N(2)-1
	}
	gw.onHand[d.SKU] += d.Qty
	return stock.Sequenced{Seq: seq, Delta: d}
}

func (gw *gateway) last() uint64 {
	b := gw.batches[len(gw.batches)-1]
	return b[len(b)-1].Seq
}

func (gw *gateway) ack(upto uint64) {
	gw.mu.Lock()
	if upto > gw.acked {
		gw.acked = upto
		gw.moved.Broadcast()
	}
	gw.mu.Unlock()
}

// waitWindow returns once fewer than deltaWindow of the batches before
// next are unacknowledged.
func (gw *gateway) waitWindow(next int) {
	gw.mu.Lock()
	defer gw.mu.Unlock()
	for next >= deltaWindow && gw.batches[next-deltaWindow][len(gw.batches[next-deltaWindow])-1].Seq > gw.acked {
		gw.moved.Wait()
	}
}

func (gw *gateway) waitAcked(upto uint64) {
	gw.mu.Lock()
	defer gw.mu.Unlock()
	for gw.acked < upto {
		gw.moved.Wait()
	}
}

type message struct {
	gw    *gateway
	batch []stock.Sequenced
}

// deliver publishes every gateway's batches through the shared
// subscription and returns when all are acknowledged.
func deliver(ctx context.Context, list []*stock.Engine, gws []*gateway) error {
	queues := make([]chan message, len(list))
	var wg sync.WaitGroup
	errs := make(chan error, len(list))
	for i, e := range list {
		queues[i] = make(chan message, len(gws)*deltaWindow)
		wg.Go(func() { errs <- intake(ctx, e, queues[i], gws) })
	}
	var next atomic.Uint64
	var senders sync.WaitGroup
	for _, gw := range gws {
		senders.Go(func() {
			for i, batch := range gw.batches {
				gw.waitWindow(i)
				queues[(next.Add(1)-1)%uint64(len(queues))] <- message{gw, batch}
			}
			gw.waitAcked(gw.last())
		})
	}
	senders.Wait()
	for _, q := range queues {
		close(q)
	}
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	return errors.Join(all...)
}

// intake is one instance's delta handler: in order, one at a time; the
// ack is the gateway's last applied seq. On a failure every gateway is
// acknowledged to the end so that deliver returns with the error.
func intake(ctx context.Context, e *stock.Engine, q <-chan message, gws []*gateway) error {
	var failed error
	for m := range q {
		if failed != nil {
			continue
		}
		last, err := e.ApplyBatch(ctx, m.gw.key, m.batch)
		if err != nil && !errors.Is(err, stock.ErrSeqGap) {
			failed = fmt.Errorf("%s seq %d: %w", m.gw.key, m.batch[0].Seq, err)
			for _, gw := range gws {
				gw.ack(gw.last())
			}
			continue
		}
		m.gw.ack(last)
	}
	return failed
}

// checkApplied fails b unless every instance, caught up, holds every
// event exactly once.
func checkApplied(b *testing.B, list []*stock.Engine, gws []*gateway) {
	want := map[string]int64{}
	for _, gw := range gws {
		for sku, n := range gw.onHand {
			want[sku] += n
		}
	}
	for i, e := range list {
		if err := e.Follow(context.Background()); err != nil {
			b.Fatal(err)
		}
		for _, gw := range gws {
			if got := e.Gateways()[gw.key]; got != gw.last() {
				b.Fatalf("instance %d: %s at seq %d, want %d", i, gw.key, got, gw.last())
			}
		}
		for sku, n := range want {
			if got := e.Level(sku, benchSite).OnHand; got != n {
				b.Fatalf("instance %d: %s on hand %d, want %d", i, sku, got, n)
			}
		}
	}
}
