package uplink_test

import (
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/uplinktest"
	"github.com/edged/edged/uplink/wire"
)

// noTimerConfig resends only on a trigger: retransmit_after is an hour,
// far beyond every wait of these tests.
func noTimerConfig() uplink.Config {
	cfg := testConfig()
	cfg.RetransmitAfter, cfg.AckAlarmAfter = time.Hour, time.Hour
	return cfg
}

// TestRelayRestartResendsAtOnce: deltas the relay never acknowledged go
// again as soon as its state turns from offline to online, once per
// transition, not on repeated onlines.
func TestRelayRestartResendsAtOnce(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	relay := uplinktest.StartRelay(t, b.URL())
	relay.SetAcking(false)
	l := ledgertest.Open(t, nil)
	appendEvents(t, l, 0, 30)
	g := startGateway(t, noTimerConfig(), testMQTT(b.URL()), l, uplink.Deps{})
	head := status(t, l).Head
	relay.WaitFor(10*time.Second, "delivery without acks", func() bool { return relay.Applied(gw) == head })

	restartRelay(t, relay, g)
	waitDrained(t, relay, l, 10*time.Second)
	if n := g.u.Snapshot().Link.Retransmits; n != 1 {
		t.Fatalf("%d retransmissions after one relay restart, want 1", n)
	}
	dups := relay.Duplicates(gw)
	if dups == 0 {
		t.Fatal("the relay saw no resend")
	}

	relay.SetAcking(false)
	appendEvents(t, l, 30, 10)
	g.u.Notify()
	head = status(t, l).Head
	relay.WaitFor(10*time.Second, "new deltas without acks", func() bool { return relay.Applied(gw) == head })
	online := wire.Encode(&wire.RelayState{Online: true, Time: time.Now()})
	relay.Publish(wire.RelayStateTopic, online) // another instance, or a re-announcement
	relay.Publish(wire.RelayStateTopic, online)
	rebirthBarrier(t, relay, g)
	if n, d := g.u.Snapshot().Link.Retransmits, relay.Duplicates(gw); n != 1 || d != dups {
		t.Fatalf("repeated onlines resent: %d retransmissions, %d duplicates (were 1, %d)", n, d, dups)
	}

	restartRelay(t, relay, g)
	waitDrained(t, relay, l, 10*time.Second)
	if n := g.u.Snapshot().Link.Retransmits; n != 2 {
		t.Fatalf("%d retransmissions after two relay restarts, want 2", n)
	}
	assertRelayEqualsLedger(t, relay, l)
}

// TestRelayFirstOnlineResendsWhatNobodyHeard: deltas published while no
// relay was subscribed (and no relay state retained, as after a broker
// restart) go again when the first relay announces itself.
func TestRelayFirstOnlineResendsWhatNobodyHeard(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	l := ledgertest.Open(t, nil)
	appendEvents(t, l, 0, 20)
	g := startGateway(t, noTimerConfig(), testMQTT(b.URL()), l, uplink.Deps{})
	eventually(t, 10*time.Second, "deltas sent to nobody", func() bool { return g.u.Snapshot().Link.SentMessages > 0 })
	began := time.Now()
	relay := uplinktest.StartRelay(t, b.URL())
	waitDrained(t, relay, l, 10*time.Second)
	t.Logf("drained %s after the relay started", time.Since(began))
	assertRelayEqualsLedger(t, relay, l)
}

// restartRelay stops the relay (offline), waits until the gateway has
// seen it, and starts it acking (online).
func restartRelay(t *testing.T, relay *uplinktest.Relay, g *gateway) {
	t.Helper()
	relay.Stop()
	eventually(t, 10*time.Second, "the gateway to see the relay offline", func() bool { return !g.u.Snapshot().Link.RelayOnline })
	relay.SetAcking(true)
	relay.Start()
}

// rebirthBarrier returns once the gateway has handled every message the
// relay published before: it answers a rebirth command, which queues
// behind them.
func rebirthBarrier(t *testing.T, relay *uplinktest.Relay, g *gateway) {
	t.Helper()
	births := func() int {
		n := 0
		for _, s := range relay.States(gw) {
			if s.Online && s.Boot == g.u.Boot() {
				n++
			}
		}
		return n
	}
	before := births()
	relay.Command(site, gw, wire.CmdRebirth, nil)
	relay.WaitFor(10*time.Second, "the rebirth", func() bool { return births() > before })
}
