package llrp

import (
	"context"
	"net"
	"runtime"
	"testing"

	"github.com/edged/edged/device"
)

// reportWith100Tags encodes an RO_ACCESS_REPORT with 100 TagReportData,
// each with EPC-96, AntennaID, PeakRSSI, First/LastSeenTimestampUTC and
// TagSeenCount, as a reader reporting every 100 tags sends it.
func reportWith100Tags() []byte {
	var b Builder
	b.Reset(Version101, MsgROAccessReport, 1)
	for i := range 100 {
		off := b.Begin(ParamTagReportData)
		b.TV(ParamEPC96).U32(0x30140000).U32(0).U32(uint32(i))
		b.TV(ParamAntennaID).U16(uint16(1 + i%4))
		b.TV(ParamPeakRSSI).U8(uint8(int8(-60 + i%20)))
		b.TV(ParamFirstSeenUTC).U64(1_700_000_000_000_000 + uint64(i))
		b.TV(ParamLastSeenUTC).U64(1_700_000_000_000_500 + uint64(i))
		b.TV(ParamTagSeenCount).U16(uint16(1 + i%3))
		b.End(off)
	}
	return append([]byte(nil), b.Bytes()...)
}

func BenchmarkDecodeROAccessReport(b *testing.B) {
	msg := reportWith100Tags()
	var tr TagReport
	var sum uint64
	fn := func(r *TagReport) { sum += uint64(r.AntennaID) + r.LastSeen + uint64(r.EPC[11]) }
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu := processCPU()
	for b.Loop() {
		h, err := ParseHeader(msg)
		if err != nil {
			b.Fatal(err)
		}
		if err := DecodeROAccessReport(msg[HeaderLen:h.Length], &tr, fn); err != nil {
			b.Fatal(err)
		}
	}
	cpu = processCPU() - cpu
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100, "ns/tag")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/100, "cpu-ns/tag")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/100, "allocs/tag")
	if sum == 0 {
		b.Fatal("nothing decoded")
	}
}

// BenchmarkClientPipeline measures the client's whole per-read path
// short of the socket: decode, rule (ii) fill-in, copy into the bounded
// queue, clock re-basing and delivery to the consumer.
func BenchmarkClientPipeline(b *testing.B) {
	msg := reportWith100Tags()
	h, _ := ParseHeader(msg)
	f := Frame{Header: h, Payload: msg[HeaderLen:h.Length]}
	var n int
	c, err := New(Options{Name: "bench", Dial: nil, OnRead: func(device.TagRead) { n++ }, QueueSize: 256})
	if err == nil || c != nil {
		b.Fatal("New without Dial must fail")
	}
	c, _ = New(Options{Name: "bench", Dial: func(context.Context) (net.Conn, error) { return nil, nil },
		OnRead: func(device.TagRead) { n++ }, QueueSize: 256})
	rb := &rebaser{}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu := processCPU()
	b.ReportAllocs()
	for b.Loop() {
		if err := c.handleReport(f, rb); err != nil {
			b.Fatal(err)
		}
		c.q.drain(c.opts.OnRead)
	}
	cpu = processCPU() - cpu
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100, "ns/tag")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/100, "cpu-ns/tag")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/100, "allocs/tag")
	if n != 100*b.N || c.ctr.drops.Load() != 0 {
		b.Fatalf("delivered %d of %d, dropped %d", n, 100*b.N, c.ctr.drops.Load())
	}
}
