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

type hostHealth struct{ h uplink.HostHealth }

func (f hostHealth) HostHealth() uplink.HostHealth { return f.h }

func TestDrainDeliversInOrderAndAcks(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	relay := uplinktest.StartRelay(t, b.URL())
	l := ledgertest.Open(t, nil)
	appendEvents(t, l, 0, 300)
	host := hostHealth{uplink.HostHealth{DiskFreeBytes: 1 << 30, ClockSynced: true,
		Devices: []wire.DeviceHealth{{ID: "dock-1", Kind: "rfid", State: "up", ReadsPerSec: 12.5, Errors: 1}}}}
	g := startGateway(t, testConfig(), testMQTT(b.URL()), l, uplink.Deps{Health: host})
	waitDrained(t, relay, l, 20*time.Second)
	appendEvents(t, l, 300, 50) // live events after the backlog
	g.u.Notify()
	waitDrained(t, relay, l, 20*time.Second)
	relay.WaitFor(10*time.Second, "a health snapshot", func() bool { return len(relay.Health(gw)) > 0 })
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
	h := relay.Health(gw)[0]
	if h.Backlog.Epoch != status(t, l).Epoch || h.Version != "test" || !h.ClockSynced ||
		h.DiskFreeBytes != 1<<30 || len(h.Devices) != 1 || h.Devices[0].ID != "dock-1" {
		t.Fatalf("health snapshot %+v", h)
	}
}
