package uplink_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/mqtt"
	"github.com/edged/edged/uplink/uplinktest"
)

const (
	childLedgerEnv = "EDGED_UPLINK_CHILD_LEDGER"
	childBrokerEnv = "EDGED_UPLINK_CHILD_BROKER"
)

// TestChildGateway is the gateway process that TestGatewayKilledMidSend
// kills; it runs only when started by that test.
func TestChildGateway(t *testing.T) {
	path := os.Getenv(childLedgerEnv)
	if path == "" {
		t.Skip("runs only as the child of TestGatewayKilledMidSend")
	}
	l, err := ledger.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.Window, cfg.ReplayRate, cfg.ReplayBurst = 2, 10, 1 // slow, so the kill lands mid-replay
	d, err := mqtt.NewDialer(testMQTT(os.Getenv(childBrokerEnv)), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	u, err := uplink.New(cfg, uplink.Deps{Outbox: l, Dialer: d})
	if err != nil {
		t.Fatal(err)
	}
	_ = u.Run(context.Background()) // until SIGKILL
}

func TestGatewayKilledMidSend(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	relay := uplinktest.StartRelay(t, b.URL())
	path := filepath.Join(t.TempDir(), "ledger.db")
	l, err := ledger.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	importBacklog(t, l, 8000)
	head := status(t, l).Head
	l.Close()

	child := exec.Command(os.Args[0], "-test.run=^TestChildGateway$")
	child.Env = append(os.Environ(), childLedgerEnv+"="+path, childBrokerEnv+"="+b.URL())
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	relay.WaitFor(20*time.Second, "the child to deliver part of the backlog", func() bool { return relay.Applied(gw) > 0 })
	_ = child.Process.Kill() // SIGKILL: no death state, no flush
	_ = child.Wait()
	if relay.Applied(gw) >= head {
		t.Fatalf("the child delivered everything before the kill; slow it down")
	}
	relay.WaitFor(10*time.Second, "the broker to publish the child's will", func() bool {
		s := relay.States(gw)
		return len(s) > 0 && !s[len(s)-1].Online
	})
	if s := relay.States(gw); !s[0].Online || s[0].Boot != s[len(s)-1].Boot || s[0].Session != s[len(s)-1].Session {
		t.Fatalf("the will does not match the birth: %+v", s)
	}

	l = ledgertest.OpenPath(t, path, nil)
	if st := status(t, l); st.Acked > relay.Applied(gw) {
		t.Fatalf("ledger acked %d but the relay applied only %d", st.Acked, relay.Applied(gw))
	}
	startGateway(t, testConfig(), testMQTT(b.URL()), l, uplink.Deps{})
	waitDrained(t, relay, l, 30*time.Second)
	assertRelayEqualsLedger(t, relay, l)
}
