package uplink_test

import (
	"encoding/json"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/uplink"
)

const naiveBacklog = 10_000

// BenchmarkUplinkDrainNaive is the baseline for BenchmarkUplinkDrain:
// what a plain paho uplink does, one QoS 1 message per event, waiting
// for each PUBACK, to a QoS 1 subscriber (and, unlike the real uplink,
// trusting the PUBACK). One op drains 10,000 events.
func BenchmarkUplinkDrainNaive(b *testing.B) {
	br := mosquittotest.Start(b, mosquittotest.Options{})
	var received atomic.Int64
	sub := connect(b, br.URL(), "naive-relay")
	sub.Subscribe("naive/#", 1, func(paho.Client, paho.Message) { received.Add(1) }).Wait()
	pub := connect(b, br.URL(), "naive-gw")
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		l, err := ledger.Open(filepath.Join(b.TempDir(), "naive.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		importBacklog(b, l, naiveBacklog)
		received.Store(0)
		b.StartTimer()
		start := time.Now()
		naiveDrain(b, l, pub)
		for received.Load() < naiveBacklog {
			time.Sleep(time.Millisecond)
		}
		total += time.Since(start)
		l.Close()
	}
	b.ReportMetric(float64(naiveBacklog*b.N)/total.Seconds(), "events/s")
	b.ReportMetric(0, "ns/op")
}

func naiveDrain(b *testing.B, l *ledger.Ledger, pub paho.Client) {
	events, err := l.Pending(0, naiveBacklog)
	if err != nil {
		b.Fatal(err)
	}
	for i := range events {
		msg, _ := json.Marshal(uplink.ToWire(&events[i]))
		if tok := pub.Publish("naive/deltas", 1, false, msg); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
			b.Fatalf("publish: %v", tok.Error())
		}
	}
}

func connect(b *testing.B, url, id string) paho.Client {
	c := paho.NewClient(paho.NewClientOptions().AddBroker(url).SetClientID(id).SetAutoReconnect(false))
	if tok := c.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		b.Fatalf("connect %s: %v", id, tok.Error())
	}
	b.Cleanup(func() { c.Disconnect(100) })
	return c
}
