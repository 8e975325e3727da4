package llrp_test

import (
	"context"
	"flag"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/llrp"
	"github.com/edged/edged/device/llrp/llrptest"
)

var loadDuration = flag.Duration("load.duration", 10*time.Second, "how long BenchmarkLoad streams")

const (
	loadReaders = 4
	loadRate    = 5000 // reads/s per reader
)

// BenchmarkLoad streams 4 fake readers at 5,000 reads/s each through 4
// clients for -load.duration and fails on any drop. The fakes run in
// this process, so the "baseline" sub-benchmark runs the same fakes into
// a bare TCP sink; the client's own CPU is the difference. Run with
// -benchtime=1x (make bench).
func BenchmarkLoad(b *testing.B) {
	for _, n := range []uint16{1, 50} {
		b.Run("baseline/n="+itoa(n), func(b *testing.B) { runLoad(b, n, sinkReader) })
		b.Run("client/n="+itoa(n), func(b *testing.B) { runLoad(b, n, clientReader) })
	}
}

type loadRunner func(ctx context.Context, addr string, cfg llrp.Config, reads, drops *atomic.Uint64) error

func runLoad(b *testing.B, n uint16, run loadRunner) {
	cfg := llrp.Config{ReportEveryNTags: n, Keepalive: 5 * time.Second}
	for b.Loop() {
		var reads, drops atomic.Uint64
		ctx, cancel := context.WithTimeout(context.Background(), *loadDuration)
		var wg sync.WaitGroup
		cpu, start := llrp.ProcessCPU(), time.Now()
		for i := range loadReaders {
			_, addr := llrptest.Start(b, llrptest.Options{Rate: loadRate, Tags: 200, Seed: uint64(i + 1)})
			wg.Go(func() {
				if err := run(ctx, addr, cfg, &reads, &drops); err != nil {
					b.Error(err)
				}
			})
		}
		wg.Wait()
		cancel()
		wall, used := time.Since(start), llrp.ProcessCPU()-cpu
		b.ReportMetric(float64(reads.Load())/wall.Seconds(), "reads/s")
		b.ReportMetric(100*used.Seconds()/wall.Seconds(), "cpu-%")
		b.ReportMetric(float64(used.Nanoseconds())/float64(max(reads.Load(), 1)), "cpu-ns/read")
		b.ReportMetric(float64(drops.Load()), "drops")
		if drops.Load() != 0 {
			b.Errorf("%d reads dropped", drops.Load())
		}
	}
}

func clientReader(ctx context.Context, addr string, cfg llrp.Config, reads, drops *atomic.Uint64) error {
	c, err := llrp.New(llrp.Options{Name: addr, Dial: dialer(addr), Config: cfg,
		OnRead: func(device.TagRead) { reads.Add(1) }})
	if err != nil {
		return err
	}
	err = c.Run(ctx)
	drops.Add(c.Stats().Drops)
	return err
}

// sinkReader starts the fake's ROSpec by hand and discards the stream:
// the cost of the fake and of TCP alone. Reads are estimated from bytes.
func sinkReader(ctx context.Context, addr string, cfg llrp.Config, reads, _ *atomic.Uint64) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	context.AfterFunc(ctx, func() { conn.Close() })
	var b llrp.Builder
	llrp.EncodeAddROSpec(&b, 1, cfg, llrp.Capabilities{})
	msgs := append([]byte(nil), b.Bytes()...)
	for _, t := range []llrp.MsgType{llrp.MsgEnableROSpec, llrp.MsgStartROSpec} {
		llrp.EncodeSpecID(&b, llrp.Version101, t, 2, 1)
		msgs = append(msgs, b.Bytes()...)
	}
	if _, err := conn.Write(msgs); err != nil {
		return err
	}
	n, _ := io.Copy(io.Discard, conn)
	// A TagReportData as the fake sends it is 43 bytes; each report adds
	// a 10-byte header.
	perRead := 43 + 10/float64(cfg.ReportEveryNTags)
	reads.Add(uint64(float64(n) / perRead))
	return nil
}

func itoa(n uint16) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}
