package uplink_test

import (
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/wire"
)

// A count plan queued while the broker is down is delivered on its
// gateway topic once connected.
func TestPublishNoticesOnTheGatewayTopic(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	got := make(chan string, 4)
	sub := paho.NewClient(paho.NewClientOptions().AddBroker(b.URL()).SetClientID("watcher"))
	if tok := sub.Connect(); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	defer sub.Disconnect(0)
	topic := wire.Topic(site, gw, "countplan")
	if tok := sub.Subscribe(topic, 1, func(_ paho.Client, m paho.Message) { got <- string(m.Payload()) }); !tok.WaitTimeout(10 * time.Second) {
		t.Fatal("subscribe")
	}
	g := startGateway(t, testConfig(), testMQTT(b.URL()), ledgertest.Open(t, nil), uplink.Deps{})
	if err := g.u.Publish("countplan", []byte(`{"lines":3}`)); err != nil {
		t.Fatal(err)
	}
	select {
	case p := <-got:
		if p != `{"lines":3}` {
			t.Fatalf("payload %q", p)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the notice never arrived")
	}
	for _, bad := range []string{"deltas", "ack/x", "Count Plan", ""} {
		if err := g.u.Publish(bad, nil); err == nil {
			t.Errorf("kind %q accepted", bad)
		}
	}
}
