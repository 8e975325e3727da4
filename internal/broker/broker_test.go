package broker_test

import (
	"context"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/edged/edged/internal/broker"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/mqtt"
	"github.com/edged/edged/uplink/uplinktest"
)

// The embedded broker carries the uplink protocol end to end: a real
// ledger drained by a real uplink to the test relay, acknowledged.
func TestUplinkThroughEmbeddedBroker(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b, err := broker.Start(ln, broker.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	relay := uplinktest.StartRelay(t, b.URL())
	l := ledgertest.Open(t, nil)
	for i := range 20 {
		e := ledger.Event{ID: fmt.Sprint("r", i), Type: ledger.Receive, SKU: "S", Location: "A", Qty: 1, UnitCost: ledger.Cost(1)}
		if _, err := l.Append(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	d, err := mqtt.NewDialer(mqtt.Config{Broker: b.URL(), ClientID: "gw-1"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	u, err := uplink.New(uplink.Config{Site: "wh1", Gateway: "gw-1", PollInterval: 50 * time.Millisecond}, uplink.Deps{Outbox: l, Dialer: d})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = u.Run(ctx) }()
	defer func() { cancel(); <-done }()
	relay.WaitFor(30*time.Second, "20 events applied", func() bool { return relay.Applied("gw-1") == 20 })
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if st, _ := l.Status(); st.Acked == 20 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the ledger was never acknowledged")
		}
	}
}

// A client whose CONNECT arrives while the broker is stopping is
// registered after mochi disconnected its clients; Close must still end
// it instead of waiting for it forever.
func TestCloseEndsAClientThatConnectsWhileStopping(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b, err := broker.Start(ln, broker.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	time.Sleep(50 * time.Millisecond) // the broker is now reading this connection's CONNECT
	closed := make(chan error, 1)
	go func() { closed <- b.Close() }()
	time.Sleep(50 * time.Millisecond) // Close has disconnected the registered clients (none)
	// CONNECT, MQTT 3.1.1, clean session, keepalive 600 s, client id "late".
	conn.Write([]byte{0x10, 16, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0x02, 0x58, 0, 4, 'l', 'a', 't', 'e'})
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second): // bounds a broken test only
		t.Fatal("Close is held by a client that connected while the broker stopped")
	}
}
