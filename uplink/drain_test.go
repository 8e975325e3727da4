package uplink_test

import (
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/uplinktest"
)

func TestDrainDeliversInOrderAndAcks(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	relay := uplinktest.StartRelay(t, b.URL())
	l := ledgertest.Open(t, nil)
	appendEvents(t, l, 0, 300)
	g := startGateway(t, testConfig(), testMQTT(b.URL()), l, uplink.Deps{})
	waitDrained(t, relay, l, 20*time.Second)
	appendEvents(t, l, 300, 50) // live events after the backlog
	g.u.Notify()
	waitDrained(t, relay, l, 20*time.Second)
	if err := g.stop(); err != nil {
		t.Fatal(err)
	}
	assertRelayEqualsLedger(t, relay, l)
	relay.WaitFor(5*time.Second, "death state", func() bool {
		s := relay.States(gw)
		return len(s) >= 2 && s[0].Online && !s[len(s)-1].Online
	})
	if s := relay.States(gw); s[0].Boot != g.u.Boot() || s[0].Session != 1 {
		t.Fatalf("birth %+v, want boot %s session 1", s[0], g.u.Boot())
	}
	if h := relay.Health(gw); len(h) > 0 && h[len(h)-1].Backlog.Epoch != status(t, l).Epoch {
		t.Fatalf("health backlog epoch %q", h[len(h)-1].Backlog.Epoch)
	}
}
