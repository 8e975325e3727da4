package uplink_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/uplinktest"
)

const benchBacklog = 100_000

// BenchmarkUplinkDrain drains a 100,000-event backlog from a real
// ledger to a local mosquitto with the acking test relay, default
// window, no replay rate limit. One op is one whole drain; events/s
// counts events acknowledged by the relay and recorded in the ledger.
func BenchmarkUplinkDrain(b *testing.B) {
	br := mosquittotest.Start(b, mosquittotest.Options{})
	relay := uplinktest.StartRelay(b, br.URL())
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		l, err := ledger.Open(filepath.Join(b.TempDir(), fmt.Sprintf("l%d.db", i)), nil)
		if err != nil {
			b.Fatal(err)
		}
		importBacklog(b, l, benchBacklog)
		b.StartTimer()
		start := time.Now()
		g := startGateway(b, testConfig(), testMQTT(br.URL()), l, uplink.Deps{})
		waitDrained(b, relay, l, 5*time.Minute)
		total += time.Since(start)
		b.StopTimer()
		_ = g.stop()
		l.Close()
	}
	b.ReportMetric(float64(benchBacklog*b.N)/total.Seconds(), "events/s")
	b.ReportMetric(0, "ns/op")
}

// ackTimes wraps the ledger to time each relay ack as the uplink applies it.
type ackTimes struct {
	*ledger.Ledger
	mu    sync.Mutex
	acked map[uint64]time.Time
}

func (a *ackTimes) Ack(ctx context.Context, upto uint64) error {
	err := a.Ledger.Ack(ctx, upto)
	now := time.Now()
	a.mu.Lock()
	a.acked[upto] = now
	a.mu.Unlock()
	return err
}

// ackedAt returns when seq was first covered by an ack.
func (a *ackTimes) ackedAt(seq uint64) (time.Time, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var best time.Time
	for upto, at := range a.acked {
		if upto >= seq && (best.IsZero() || at.Before(best)) {
			best = at
		}
	}
	return best, !best.IsZero()
}

// BenchmarkUplinkAckLatency records one event every 10 ms (100 events/s)
// on loopback and measures from the start of ledger.Append to the
// uplink applying the relay's ack that covers it; one op is one event.
func BenchmarkUplinkAckLatency(b *testing.B) {
	br := mosquittotest.Start(b, mosquittotest.Options{})
	relay := uplinktest.StartRelay(b, br.URL())
	l, err := ledger.Open(filepath.Join(b.TempDir(), "l.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	out := &ackTimes{Ledger: l, acked: map[uint64]time.Time{}}
	g := startGateway(b, testConfig(), testMQTT(br.URL()), out, uplink.Deps{})
	defer func() { _ = g.stop() }()
	starts := make([]time.Time, 0, b.N)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		<-tick.C
		starts = append(starts, time.Now())
		appendEvents(b, l, i, 1)
		g.u.Notify()
	}
	waitDrained(b, relay, l, time.Minute)
	b.StopTimer()
	reportLatency(b, out, starts)
}

func reportLatency(b *testing.B, out *ackTimes, starts []time.Time) {
	lat := make([]time.Duration, len(starts))
	for i, s := range starts {
		at, ok := out.ackedAt(uint64(i + 1))
		if !ok {
			b.Fatalf("seq %d never acked", i+1)
		}
		lat[i] = at.Sub(s)
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))]) / 1e6 }
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(0, "ns/op")
}
