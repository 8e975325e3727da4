package flashsale_test

import (
	"context"
	"testing"
	"time"

	"github.com/edged/edged/internal/pgtest"
	"github.com/edged/edged/relay/flashsale"
)

// The flash sale: one SKU with 100 units, 2,000 orders over 60 s
// spread at random across the four channels, safety buffer 2.
const (
	benchOrders = 2000
	benchWindow = 60 * time.Second
	benchUnits  = 100
	benchBuffer = 2
	benchSeed   = 42
)

// BenchmarkFlashSale measures the mission of issue 7: oversold units and
// the p99 time from a sale on one channel to the new quantity on all the
// others, for the relay and for a baseline that syncs every 15 minutes.
//
// How time is modelled:
//   - relay: real time. The orders are placed at their scheduled instants
//     over the full 60 s window (one goroutine per channel) against the four
//     simulators on 127.0.0.1; each simulator deducts its own sale at once
//     and sends its webhook or push; the relay (bbolt store with fsync,
//     order fetches, rate-limited signed pushes) propagates. Propagation of
//     the i-th sale is read from the simulators' stock histories: the time
//     until every other channel had been set through its API to at most
//     100 − i − 2 (0 if it already was). One iteration takes about 60 s.
//   - postgres3: the same in real time, through 3 relay instances on one
//     PostgreSQL database (fsync on) instead of one bbolt relay. Each
//     channel's webhooks go to the instances in turn; the first instance
//     pushes every channel and fetches status-only orders, and learns of
//     the others' commits through LISTEN/NOTIFY (Follow), as in a fleet
//     where it holds every lease.
//   - baseline15m: simulated time, the same order schedule (same seed).
//     Each channel starts synced at 98 and sells from its own count; a sync
//     sets every channel to 100 − sold − 2 every 15 minutes. The schedule's
//     phase decides the outcome, so the sale is replayed at 60 phases (one
//     every 15 s); propagation times are pooled and units sold are the
//     median over the phases. Syncs are instant, which favours the
//     baseline; its propagation is the time to the next sync.
//
// Metrics: oversold-units (sold beyond 100), sold-units, p50-prop-ms and
// p99-prop-ms (nearest rank over the sales), unpropagated (sales never
// reflected everywhere; should be 0). The relay and postgres3
// sub-benchmarks also report the baseline of their own run.
func BenchmarkFlashSale(b *testing.B) {
	b.Run("relay", func(b *testing.B) {
		for b.Loop() {
			sale(b, flashsale.Config{Dir: b.TempDir()})
		}
	})
	// postgres3: the same sale through 3 relay instances on one
	// PostgreSQL database, the webhooks spread over them in turn; the
	// first instance pushes every channel and follows the others'
	// commits through LISTEN/NOTIFY.
	b.Run("postgres3", func(b *testing.B) {
		for b.Loop() {
			sale(b, flashsale.Config{Store: pgtest.Shared(b).NewDatabase(b), Instances: 3})
		}
	})
	b.Run("baseline15m", func(b *testing.B) {
		orders := flashsale.Schedule(benchOrders, benchWindow, benchSeed)
		for b.Loop() {
			report(b, "", flashsale.BaselinePhases(orders, benchUnits, benchBuffer, 15*time.Minute, flashsale.BaselinePhaseCount))
		}
	})
}

// sale runs the benchmark's sale on the store cfg names.
func sale(b *testing.B, cfg flashsale.Config) {
	cfg.Orders, cfg.Duration, cfg.Units, cfg.SafetyBuffer, cfg.Seed = benchOrders, benchWindow, benchUnits, benchBuffer, benchSeed
	ctx, cancel := context.WithTimeout(context.Background(), benchWindow+time.Minute)
	rep, err := flashsale.Simulate(ctx, cfg)
	cancel()
	if err != nil {
		b.Fatal(err)
	}
	report(b, "", rep.Relay)
	report(b, "baseline-", rep.Baseline)
}

func report(b *testing.B, prefix string, o flashsale.Outcome) {
	b.ReportMetric(float64(o.Oversold), prefix+"oversold-units")
	b.ReportMetric(float64(o.Sold), prefix+"sold-units")
	b.ReportMetric(ms(flashsale.Percentile(o.Propagation, 0.50)), prefix+"p50-prop-ms")
	b.ReportMetric(ms(flashsale.Percentile(o.Propagation, 0.99)), prefix+"p99-prop-ms")
	b.ReportMetric(float64(o.Unpropagated), prefix+"unpropagated")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
