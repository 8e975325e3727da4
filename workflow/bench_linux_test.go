//go:build linux

package workflow

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
)

// BenchmarkScanToDurable measures one scan from the first byte written
// on the serial line (a pty) to the good-read bytes read back from it:
// serial read, framing, classification, catalog lookup, a durable
// ledger append (fdatasync) in b.TempDir() and the Honeywell Host ACK
// answer. Frames end on their CR LF terminator, so the idle gap is not
// part of the latency.
func BenchmarkScanToDurable(b *testing.B) {
	benchScans(b, ledgertest.Open(b, nil))
}

// BenchmarkScanToFeedbackNoLedger is the baseline: the same chain with
// a recorder that answers at once, so the ratio shows the ledger's share.
func BenchmarkScanToFeedbackNoLedger(b *testing.B) {
	benchScans(b, instantRecorder{})
}

type instantRecorder struct{}

func (instantRecorder) Append(context.Context, ledger.Event) (ledger.Result, error) {
	return ledger.Result{Seq: 1}, nil
}

func benchScans(b *testing.B, rec Recorder) {
	cfg := testConfig()
	cfg.Debounce = -1
	p := startPipeline(b, cfg, rec)
	for _, d := range []string{"CMD:RECEIVE", "LOC:A-01-01"} {
		p.scan(b, d)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		if got := p.scan(b, "]E05901234123457"); got != good {
			b.Fatalf("scanner got %q", got)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / 1e6 }
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}
