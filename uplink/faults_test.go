package uplink_test

import (
	"slices"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/uplinktest"
	"github.com/edged/edged/uplink/wire"
)

// eventually polls cond every 10 ms until it holds or timeout passes.
func eventually(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestBacklog100kReplayed(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	relay := uplinktest.StartRelay(t, b.URL())
	l := ledgertest.Open(t, nil)
	importBacklog(t, l, 100_000)
	startGateway(t, testConfig(), testMQTT(b.URL()), l, uplink.Deps{})
	waitDrained(t, relay, l, 60*time.Second)
	assertRelayEqualsLedger(t, relay, l)
}

func TestBrokerRestartWithoutPersistence(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	relay := uplinktest.StartRelay(t, b.URL())
	l := ledgertest.Open(t, nil)
	appendEvents(t, l, 0, 100)
	g := startGateway(t, testConfig(), testMQTT(b.URL()), l, uplink.Deps{})
	waitDrained(t, relay, l, 20*time.Second)
	b.Restart() // sessions, subscriptions and retained states are gone
	appendEvents(t, l, 100, 100)
	g.u.Notify()
	waitDrained(t, relay, l, 20*time.Second)
	if g.u.Snapshot().Link.Reconnects == 0 {
		t.Fatal("the gateway never reconnected after the broker restart")
	}
	assertRelayEqualsLedger(t, relay, l)
}

func TestHalfOpenLinkIsDetected(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	p := mosquittotest.NewProxy(t, b.Addr())
	relay := uplinktest.StartRelay(t, b.URL())
	l := ledgertest.Open(t, nil)
	appendEvents(t, l, 0, 50)
	g := startGateway(t, testConfig(), testMQTT(p.URL()), l, uplink.Deps{})
	waitDrained(t, relay, l, 20*time.Second)
	p.Blackhole(true, true) // the link dies silently: no FIN, no RST
	appendEvents(t, l, 50, 50)
	g.u.Notify()
	eventually(t, 20*time.Second, "the dead link to be noticed", func() bool { return !g.u.Snapshot().Link.Connected })
	p.Blackhole(false, false)
	waitDrained(t, relay, l, 30*time.Second)
	assertRelayEqualsLedger(t, relay, l)
}

func TestLostPubacksAndAcksAreRetransmittedOnce(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	p := mosquittotest.NewProxy(t, b.Addr())
	relay := uplinktest.StartRelay(t, b.URL())
	l := ledgertest.Open(t, nil)
	g := startGateway(t, testConfig(), testMQTT(p.URL()), l, uplink.Deps{})
	eventually(t, 10*time.Second, "connection", func() bool { return g.u.Snapshot().Link.Connected })
	p.Blackhole(false, true)  // publishes reach the broker, nothing comes back
	importBacklog(t, l, 1000) // one commit: a few full messages, within the window
	g.u.Notify()
	head := status(t, l).Head
	relay.WaitFor(20*time.Second, "relay to apply everything", func() bool { return relay.Applied(gw) == head })
	if st := status(t, l); st.Acked != 0 {
		t.Fatalf("the ledger was acked (%d) although no ack reached the gateway", st.Acked)
	}
	// The missing PINGRESPs end the connection, and the acks in it.
	eventually(t, 20*time.Second, "the silent link to be dropped", func() bool { return !g.u.Snapshot().Link.Connected })
	p.Blackhole(false, false)
	waitDrained(t, relay, l, 30*time.Second)
	if relay.Duplicates(gw) == 0 {
		t.Fatal("the relay saw no retransmission; the test did not lose anything")
	}
	assertRelayEqualsLedger(t, relay, l)
}

func TestRelayDownHoldsTheWindow(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	relay := uplinktest.StartRelay(t, b.URL())
	relay.Stop()
	l := ledgertest.Open(t, nil)
	cfg := testConfig()
	cfg.Window, cfg.WaitForRelay = 2, true
	g := startGateway(t, cfg, testMQTT(b.URL()), l, uplink.Deps{})
	importBacklog(t, l, 3000)
	appendEvents(t, l, 0, 20)
	g.u.Notify()
	eventually(t, 10*time.Second, "connection and a health snapshot", func() bool {
		h := g.u.Snapshot()
		return h.Link.Connected && h.Backlog.Entries == 3020
	})
	if h := g.u.Snapshot(); h.Link.SentMessages != 0 || h.Link.RelayOnline {
		t.Fatalf("deltas sent while the relay is offline: %+v", h.Link)
	}
	relay.Start()
	waitDrained(t, relay, l, 30*time.Second)
	assertRelayEqualsLedger(t, relay, l)
	if h := g.u.Snapshot(); h.Link.InFlight > cfg.Window {
		t.Fatalf("in flight %d > window %d", h.Link.InFlight, cfg.Window)
	}
}

func TestRelayAckMissingRaisesAlarmThenRecovers(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	relay := uplinktest.StartRelay(t, b.URL())
	relay.SetAcking(false)
	l := ledgertest.Open(t, nil)
	appendEvents(t, l, 0, 30)
	g := startGateway(t, testConfig(), testMQTT(b.URL()), l, uplink.Deps{})
	eventually(t, 10*time.Second, "relay_ack_overdue alarm", func() bool {
		return slices.Contains(g.u.Snapshot().Alarms, wire.AlarmRelayAckOverdue)
	})
	relay.WaitFor(10*time.Second, "the alarm in a published health snapshot", func() bool {
		h := relay.Health(gw)
		return len(h) > 0 && slices.Contains(h[len(h)-1].Alarms, wire.AlarmRelayAckOverdue)
	})
	relay.SetAcking(true)
	waitDrained(t, relay, l, 20*time.Second)
	eventually(t, 10*time.Second, "the alarm to clear", func() bool {
		return !slices.Contains(g.u.Snapshot().Alarms, wire.AlarmRelayAckOverdue)
	})
	assertRelayEqualsLedger(t, relay, l)
}
