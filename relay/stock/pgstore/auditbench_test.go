package pgstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/auditfixture"
	"github.com/edged/edged/relay/stock/pgstore"
)

// benchFixture names the cached bbolt file of auditfixture.Year's rows.
const benchFixture = "edged-auditbench-" + auditfixture.YearVersion + ".db"

// BenchmarkAuditSKU is the SKU page's audit trail over a year's rows
// (auditfixture.Year: 1,000,000 rows of 10,000 SKUs on 4 channels at 2
// sites): the store's read alone.
func BenchmarkAuditSKU(b *testing.B) {
	b.Run("bbolt", func(b *testing.B) {
		s, err := stock.OpenBolt(boltFixture(b))
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		benchSKU(b, s)
	})
	b.Run("postgres", func(b *testing.B) {
		s, err := pgstore.Open(context.Background(), pgFixture(b))
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		benchSKU(b, s)
	})
}

// benchSKU reads a random SKU's newest page, the console's SKU page.
func benchSKU(b *testing.B, r audit.Reader) {
	ctx := context.Background()
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		rows, err := r.Audit(ctx, audit.Query{SKU: auditfixture.SKU(i * 7919 % auditfixture.SKUs)})
		times = append(times, time.Since(start))
		if err != nil || len(rows) != audit.DefaultLimit {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(ms(times[len(times)*99/100]), "p99-ms")
	b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
