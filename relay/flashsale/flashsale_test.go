package flashsale_test

import (
	"context"
	"testing"
	"time"

	"github.com/edged/edged/relay/flashsale"
)

// TestFlashSaleShort is the short form of the flash sale: fewer orders over
// a shorter window, with the same invariants as the benchmark — no unit
// oversold with a safety buffer of 2, every sale reserved and reflected on
// every other channel, every channel left at units − sold − buffer. The
// propagation time is measured in BenchmarkFlashSale, not asserted here.
func TestFlashSaleShort(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// 33 orders/s, the benchmark's rate; 40 units sell out in about 1.3 s.
	rep, err := flashsale.Simulate(ctx, flashsale.Config{Orders: 200, Duration: 6 * time.Second, Units: 40, SafetyBuffer: 2, Seed: 7, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Relay.Oversold != 0 {
		t.Errorf("relay oversold %d units (sold %d of 40)", rep.Relay.Oversold, rep.Relay.Sold)
	}
	if rep.Relay.Sold < 38 || rep.Relay.Unpropagated != 0 {
		t.Errorf("sold %d (want at least 38: 40 less the buffer), %d sales never reflected", rep.Relay.Sold, rep.Relay.Unpropagated)
	}
	for ch, q := range rep.Final {
		if q != 0 {
			t.Errorf("%s shows %d after selling out", ch, q)
		}
	}
	if rep.Baseline.Oversold == 0 {
		t.Errorf("the 15-minute baseline did not oversell (sold %d): the scenario is too easy", rep.Baseline.Sold)
	}
	t.Logf("relay: sold %d, p99 propagation %v; baseline: sold %d, oversold %d, p99 %v", rep.Relay.Sold,
		flashsale.Percentile(rep.Relay.Propagation, 0.99), rep.Baseline.Sold, rep.Baseline.Oversold, flashsale.Percentile(rep.Baseline.Propagation, 0.99))
}
