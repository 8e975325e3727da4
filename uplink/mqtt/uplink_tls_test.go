package mqtt_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/mqtt"
	"github.com/edged/edged/uplink/uplinktest"
)

// TestUplinkOverMutualTLS drains a ledger through the shipped broker
// configuration: every topic the uplink needs (deltas, state and its
// will, health, ack, cmd, relay state) is allowed by edged.acl.
func TestUplinkOverMutualTLS(t *testing.T) {
	pki := mosquittotest.NewPKI(t)
	b := mosquittotest.Start(t, sharedConfig(t, pki))
	relay := uplinktest.StartRelayTLS(t, b.URL(), pki.ClientTLS(pki.Client("relay")))
	l := ledgertest.Open(t, nil)
	for i := range 30 {
		e := ledger.Event{ID: fmt.Sprint(i), Type: ledger.Receive, SKU: "S", Location: "A", Qty: 1, UnitCost: ledger.Cost(5)}
		if _, err := l.Append(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	pair := pki.Client("gw-a")
	tlsConfig, err := mqtt.NewTLSConfig(pki.CAPEM, pair.CertPEM, pair.KeyPEM, "localhost")
	if err != nil {
		t.Fatal(err)
	}
	d, err := mqtt.NewDialer(mqtt.Config{Broker: b.URL(), ClientID: "gw-a"}, tlsConfig, nil)
	if err != nil {
		t.Fatal(err)
	}
	u, err := uplink.New(uplink.Config{Site: "wh1", Gateway: "gw-a", PollInterval: 20 * time.Millisecond, WaitForRelay: true},
		uplink.Deps{Outbox: l, Dialer: d})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { _ = u.Run(ctx) })
	defer func() { cancel(); wg.Wait() }()
	relay.WaitFor(20*time.Second, "all events", func() bool { return relay.Applied("gw-a") == 30 })
	relay.WaitFor(10*time.Second, "the ledger ack", func() bool { st, _ := l.Status(); return st.Acked == 30 })
	relay.Command("wh1", "gw-a", "rebirth", nil)
	relay.WaitFor(10*time.Second, "birth, then a rebirth", func() bool { return len(relay.States("gw-a")) >= 2 })
}
