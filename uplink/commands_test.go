package uplink_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/uplinktest"
	"github.com/edged/edged/uplink/wire"
)

func TestCommands(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	relay := uplinktest.StartRelay(t, b.URL())
	relay.SetAcking(false)
	l := ledgertest.Open(t, nil)
	reloads := make(chan struct{}, 1)
	cfg := testConfig()
	cfg.RetransmitAfter = time.Hour // only the resync command can resend
	appendEvents(t, l, 0, 20)
	g := startGateway(t, cfg, testMQTT(b.URL()), l, uplink.Deps{Reload: func() { reloads <- struct{}{} }})
	head := status(t, l).Head
	relay.WaitFor(10*time.Second, "delivery without acks", func() bool { return relay.Applied(gw) == head })

	relay.SetAcking(true)
	relay.Command(site, gw, wire.CmdResync, wire.Encode(&wire.Resync{From: 1}))
	waitDrained(t, relay, l, 10*time.Second)
	if relay.Duplicates(gw) == 0 {
		t.Fatal("resync did not resend")
	}

	relay.Command(site, gw, wire.CmdRebirth, nil)
	relay.WaitFor(10*time.Second, "a second birth", func() bool {
		n := 0
		for _, s := range relay.States(gw) {
			if s.Online && s.Boot == g.u.Boot() && s.Session == 1 {
				n++
			}
		}
		return n >= 2
	})
	relay.Command(site, gw, wire.CmdReload, nil)
	select {
	case <-reloads:
	case <-time.After(10 * time.Second):
		t.Fatal("reload callback not called")
	}
	assertRelayEqualsLedger(t, relay, l)
}

// TestCapacityAlarmsAndOfflineHealth: with no broker at all, events are
// still recorded past the capacity, the alarms climb 50/80/95/full, and
// the offline health queue keeps only the newest snapshots.
func TestCapacityAlarmsAndOfflineHealth(t *testing.T) {
	l := ledgertest.Open(t, nil)
	cfg := testConfig()
	cfg.MaxBacklogEvents, cfg.HealthQueue, cfg.HealthInterval = 100, 2, 20*time.Millisecond
	url := fmt.Sprintf("tcp://127.0.0.1:%d", mosquittotest.FreePort(t))
	g := startGateway(t, cfg, testMQTT(url), l, uplink.Deps{})
	steps := []struct {
		n    int
		want []string
	}{{49, nil}, {1, []string{wire.AlarmBacklog50}}, {30, []string{wire.AlarmBacklog80}},
		{15, []string{wire.AlarmBacklog95}}, {10, []string{wire.AlarmBacklogFull}}}
	total := 0
	for _, s := range steps {
		appendEvents(t, l, total, s.n)
		total += s.n
		alarms := g.u.Snapshot().Alarms
		for _, a := range s.want {
			if !slices.Contains(alarms, a) {
				t.Fatalf("after %d events: alarms %v lack %s", total, alarms, a)
			}
		}
		if s.want == nil && slices.Contains(alarms, wire.AlarmBacklog50) {
			t.Fatalf("after %d events: alarms %v", total, alarms)
		}
	}
	if st := status(t, l); st.Head != uint64(total) {
		t.Fatalf("ledger head %d, want %d: events must be recorded beyond capacity", st.Head, total)
	}
	eventually(t, 10*time.Second, "dropped health snapshots", func() bool { return g.u.Snapshot().Link.HealthDropped > 0 })
	if h := g.u.Snapshot(); !slices.Contains(h.Alarms, wire.AlarmDisconnected) || h.Link.LastDisconnect == "" {
		t.Fatalf("offline snapshot: alarms %v, last disconnect %q", h.Alarms, h.Link.LastDisconnect)
	}
}

// TestInvalidAcksChangeNothing: an ack for another ledger epoch or
// beyond the head raises relay_ack_invalid and moves nothing.
func TestInvalidAcksChangeNothing(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	relay := uplinktest.StartRelay(t, b.URL())
	relay.SetAcking(false)
	l := ledgertest.Open(t, nil)
	appendEvents(t, l, 0, 10)
	g := startGateway(t, testConfig(), testMQTT(b.URL()), l, uplink.Deps{})
	relay.WaitFor(10*time.Second, "delivery", func() bool { return relay.Applied(gw) == 10 })
	ackTopic := wire.Topic(site, gw, wire.KindAck)
	for _, a := range []wire.Ack{{Epoch: "another-ledger", Upto: 5}, {Epoch: status(t, l).Epoch, Upto: 1000}} {
		relay.Publish(ackTopic, wire.Encode(&a))
		eventually(t, 10*time.Second, "relay_ack_invalid", func() bool {
			return slices.Contains(g.u.Snapshot().Alarms, wire.AlarmBadAck)
		})
		if st := status(t, l); st.Acked != 0 {
			t.Fatalf("invalid ack %+v moved the ledger to %d", a, st.Acked)
		}
	}
	relay.SetAcking(true) // the uplink survived the ledger's ErrBadAck: it still drains
	waitDrained(t, relay, l, 20*time.Second)
	eventually(t, 10*time.Second, "the alarm to clear", func() bool {
		return !slices.Contains(g.u.Snapshot().Alarms, wire.AlarmBadAck)
	})
	assertRelayEqualsLedger(t, relay, l)
}
