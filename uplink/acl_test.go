package uplink_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/uplinktest"
	"github.com/edged/edged/uplink/wire"
)

// aclDenyingDeltas lets the gateway do everything but publish deltas.
const aclDenyingDeltas = `user relay
topic readwrite edged/#
pattern readwrite edged/v1/+/%u/state
pattern write edged/v1/+/%u/health
pattern read edged/v1/+/%u/ack
pattern read edged/v1/+/%u/cmd/#
topic read edged/v1/relay/state
`

// TestACLDenialIsVisibleAndRecovers: over MQTT 3.1.1 mosquitto PUBACKs a
// denied publish and drops it. Nothing may be deleted from the outbox;
// the relay_ack_overdue alarm must rise; once the ACL is fixed the
// outbox drains.
func TestACLDenialIsVisibleAndRecovers(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{Global: []string{"acl_file {dir}/acl"},
		Files: map[string][]byte{"acl": []byte(aclDenyingDeltas)}})
	relay := uplinktest.StartRelay(t, b.URL())
	l := ledgertest.Open(t, nil)
	appendEvents(t, l, 0, 40)
	g := startGateway(t, testConfig(), testMQTT(b.URL()), l, uplink.Deps{})
	eventually(t, 10*time.Second, "relay_ack_overdue", func() bool {
		return slices.Contains(g.u.Snapshot().Alarms, wire.AlarmRelayAckOverdue)
	})
	if relay.Applied(gw) != 0 || status(t, l).Acked != 0 {
		t.Fatalf("denied deltas were delivered or acked: relay %d, ledger %+v", relay.Applied(gw), status(t, l))
	}
	fixed := aclDenyingDeltas + "pattern write edged/v1/+/%u/deltas\n"
	if err := os.WriteFile(filepath.Join(b.Dir(), "acl"), []byte(fixed), 0o600); err != nil {
		t.Fatal(err)
	}
	b.Reload()
	waitDrained(t, relay, l, 20*time.Second)
	assertRelayEqualsLedger(t, relay, l)
}
