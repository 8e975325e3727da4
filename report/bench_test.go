package report_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/report"
)

// The report benchmarks share one ledger of 1,000,000 events over
// 10,000 SKUs and a year, built once and kept in the temp dir under a
// versioned name (so -count 5 and later runs reuse it). Sales follow a
// Zipf law over each producer's SKUs, so ABC and velocity are skewed as
// in a real shop.
const (
	benchEvents    = 1_000_000
	benchSKUs      = 10_000
	benchProducers = 100
	benchVersion   = "v2"
)

var benchStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

func benchLedgerPath(b *testing.B) string {
	dir := filepath.Join(os.TempDir(), "edged-report-bench-"+benchVersion)
	path := filepath.Join(dir, "ledger.db")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	tmp := path + ".building"
	os.Remove(tmp)
	l, err := ledger.Open(tmp, &ledger.Options{MaxSize: 4 << 30})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	var wg sync.WaitGroup
	for p := range benchProducers {
		wg.Go(func() { produce(b, l, p) })
	}
	wg.Wait()
	if err := l.Close(); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %d events in %s", benchEvents, time.Since(start))
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// produce appends this producer's share: each event sells 1-3 units of
// one of its SKUs, or receives 40 when stock is short.
func produce(b *testing.B, l *ledger.Ledger, p int) {
	n := benchEvents / benchProducers
	per := benchSKUs / benchProducers
	rng := rand.New(rand.NewPCG(uint64(p), 1))
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(per-1))
	stock := make([]int64, per)
	for i := range n {
		k := int(zipf.Uint64())
		sku := fmt.Sprintf("SKU-%05d", k*benchProducers+p)
		when := benchStart.Add(time.Duration(i) * (365 * 24 * time.Hour / time.Duration(n)))
		qty := int64(1 + rng.IntN(3))
		e := ledger.Event{ID: fmt.Sprintf("b%d-%d", p, i), SKU: sku, Location: fmt.Sprintf("L%02d", k%20), Time: when}
		if stock[k] < qty {
			e.Type, e.Qty, e.UnitCost = ledger.Receive, 40, ledger.Cost(int64(100+k))
		} else {
			e.Type, e.Qty, e.Order = ledger.Sale, qty, fmt.Sprintf("O%d-%d", p, i/2)
		}
		if _, err := l.Append(context.Background(), e); err != nil {
			b.Error(err)
			return
		}
		stock[k] += map[bool]int64{true: e.Qty, false: -e.Qty}[e.Type == ledger.Receive]
	}
}

func openBench(b *testing.B) (*ledger.Ledger, *report.Engine) {
	l, err := ledger.Open(benchLedgerPath(b), &ledger.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	var items []report.Item
	for i := range benchSKUs {
		items = append(items, report.Item{SKU: fmt.Sprintf("SKU-%05d", i), Price: "9.99", ReorderPoint: 10, SafetyStock: 3})
	}
	e, err := report.New(l, report.Config{Items: items}, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	return l, e
}

// BenchmarkReportLogScan is the baseline: one pass of ledger.Log that
// does nothing with the events.
func BenchmarkReportLogScan(b *testing.B) {
	l, _ := openBench(b)
	for b.Loop() {
		n := 0
		if err := l.Log(ledger.LogFilter{}, func(*ledger.Event) error { n++; return nil }); err != nil || n != benchEvents {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkReport runs each report over the last 90 days of the year,
// reading the whole log as the command does.
func BenchmarkReport(b *testing.B) {
	_, e := openBench(b)
	p := report.Period{From: benchStart.AddDate(0, 0, 275), To: benchStart.AddDate(1, 0, 0)}
	for _, name := range e.Names() {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				rs, err := e.Run(name, p)
				if err != nil {
					b.Fatal(err)
				}
				if name == "velocity" && rs[0].Rows[0][2] == "0" {
					b.Fatal("nothing sold in the benchmark period: the ledger is not what it should be")
				}
			}
		})
	}
}

// BenchmarkReportRender runs the dashboard and writes it in each format
// (every row of 10,000 SKUs in table, CSV and JSON; the page caps its
// tables at 100 rows).
func BenchmarkReportRender(b *testing.B) {
	_, e := openBench(b)
	p := report.Period{From: benchStart.AddDate(0, 0, 275), To: benchStart.AddDate(1, 0, 0)}
	for _, format := range report.Formats() {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				rs, err := e.Run("dashboard", p)
				if err != nil {
					b.Fatal(err)
				}
				if err := report.Write(io.Discard, rs, format); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
