package ledger

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// The append benchmarks share one workload: each producer owns a set of
// SKUs and alternates receiving 2 units and selling 1, so every event is
// accepted and touches the log, the id index, a balance, the sku totals
// and a cost layer, like real traffic.
func benchEvent(producer, i int) Event {
	e := Event{ID: fmt.Sprintf("p%d-%d", producer, i), SKU: fmt.Sprintf("SKU-%d-%d", producer, i%50),
		Location: fmt.Sprintf("L%d", i%10), Time: time.Unix(1_790_000_000+int64(i), 0), User: "bench", Device: "scan-1"}
	if i%2 == 0 {
		e.Type, e.Qty, e.UnitCost = Receive, 2, Cost(1250)
	} else {
		e.ID, e.Type, e.Qty = e.ID+"s", Sale, 1
		e.Location = fmt.Sprintf("L%d", (i-1)%10)
		e.SKU = fmt.Sprintf("SKU-%d-%d", producer, (i-1)%50)
	}
	return e
}

func benchLedger(b *testing.B) *Ledger {
	l, err := Open(filepath.Join(b.TempDir(), "bench.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if _, err := l.Verify(); err != nil {
			b.Error(err)
		}
		l.Close()
	})
	return l
}

// run drives b.N events from producers goroutines through appendOne and
// reports throughput, latency percentiles and bytes written per event.
// The events are made before the clock starts, so that the producers'
// formatting does not compete with the writer for the two cores.
func runAppendBench(b *testing.B, producers int, appendOne func(Event) error) {
	work := make([][]Event, producers)
	for p := range producers {
		n := b.N/producers + btoi(p < b.N%producers)
		for i := range n {
			work[p] = append(work[p], benchEvent(p, i))
		}
	}
	lat := make([][]time.Duration, producers)
	w0 := wchar(b)
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for p := range producers {
		lat[p] = make([]time.Duration, 0, len(work[p]))
		wg.Go(func() {
			for _, e := range work[p] {
				t := time.Now()
				if err := appendOne(e); err != nil {
					b.Error(err)
					return
				}
				lat[p] = append(lat[p], time.Since(t))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	all := slices.Concat(lat...)
	slices.Sort(all)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
	b.ReportMetric(ms(all[len(all)/2]), "p50-ms")
	b.ReportMetric(ms(all[len(all)*99/100]), "p99-ms")
	b.ReportMetric(float64(wchar(b)-w0)/float64(b.N), "written-B/event")
}

func BenchmarkLedgerAppendSerial(b *testing.B) {
	l := benchLedger(b)
	runAppendBench(b, 1, func(e Event) error { _, err := l.Append(context.Background(), e); return err })
}

func BenchmarkLedgerAppendParallel(b *testing.B) {
	l := benchLedger(b)
	c0 := l.w.commits.Load()
	runAppendBench(b, 64, func(e Event) error { _, err := l.Append(context.Background(), e); return err })
	b.ReportMetric(float64(b.N)/float64(l.w.commits.Load()-c0), "events/commit")
}

// BenchmarkLedgerAppendNaive is the baseline: the same 64 producers, each
// event in a bbolt Update of its own (no group commit).
func BenchmarkLedgerAppendNaive(b *testing.B) {
	l := benchLedger(b)
	var mu sync.Mutex // l.update is the writer's; bbolt serialises the Updates anyway
	runAppendBench(b, 64, func(e Event) error {
		clientTime := l.stamp(&e)
		mu.Lock()
		defer mu.Unlock()
		return l.update(func(t *wtx) error {
			_, err := t.appendEvent(&e, clientTime)
			return err
		})
	})
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func btoi(v bool) int {
	if v {
		return 1
	}
	return 0
}

// wchar is the number of bytes this process has handed to write system
// calls (Linux /proc/self/io), which for the ledger is its page writes.
func wchar(b *testing.B) int64 {
	data, err := os.ReadFile("/proc/self/io")
	if err != nil {
		b.Skipf("bytes written need /proc/self/io: %v", err)
	}
	for line := range bytes.Lines(data) {
		if v, ok := bytes.CutPrefix(line, []byte("wchar: ")); ok {
			n, _ := strconv.ParseInt(string(bytes.TrimSpace(v)), 10, 64)
			return n
		}
	}
	b.Skip("no wchar in /proc/self/io")
	return 0
}
