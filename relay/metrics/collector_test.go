package metrics_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/common/expfmt"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/discover"
	"github.com/edged/edged/relay/fleet"
	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/metrics"
	"github.com/edged/edged/relay/status"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/uplink/wire"
)

var update = flag.Bool("update", false, "rewrite testdata/*.prom from the collector's output")

var at = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)

// fixed is a relay with two channels, one gateway with an open gap, a
// shared store with two instances, and every optional part present.
func fixed() metrics.Source {
	snap := status.Snapshot{At: at,
		Channels: []relay.ChannelStatus{
			{Channel: relay.Shopify, LastPush: at.Add(-time.Minute), LastLag: 250 * time.Millisecond, MaxLag: 2 * time.Second,
				Pushed: 42, Failed: 3, Retried: 2, Pending: 1, Permanent: map[string]string{"shopify|x": "404"}},
			{Channel: relay.Lazada}},
		Counters: stock.Counters{DuplicateDeltas: 1, Gaps: 2, RejectedDeltas: 3, UnknownSKUs: 4, UnknownGateways: 5,
			DuplicateEvents: 6, UnknownLines: 7, FetchFailures: 8, OrderEdits: 9, WrongSites: 10},
		Locks:          []stock.Lock{{Channel: relay.Shopee, SKU: "TEE", Qty: 3}, {Channel: relay.Shopee, SKU: "MUG", Qty: 2}},
		PendingFetches: 1,
		Fleet: status.Fleet{Self: "relay-a:9338",
			Store:     status.StoreHealth{Kind: "postgres", Name: "db", OK: true, Latency: 1500 * time.Microsecond, Version: 77},
			Instances: []fleet.Instance{{ID: "relay-a:9338", Age: time.Second}, {ID: "relay-b:9338", Age: 2 * time.Second}},
			Leases:    []fleet.Lease{{Channel: relay.Shopify, Owner: "relay-b:9338", Epoch: 4, Remaining: 2500 * time.Millisecond}}},
		Broker: &intake.BrokerState{Connected: true, Subscribed: true, Online: true, Reconnects: 2},
		Connections: []connect.Status{
			{Channel: relay.Shopify, Connected: true, LastRefresh: at.Add(-time.Hour)},
			{Channel: relay.Lazada, Connected: true, AccessExpires: at.Add(7 * 24 * time.Hour), RefreshExpires: at.Add(30 * 24 * time.Hour),
				LastError: "refresh: 500"},
			{Channel: relay.TikTok}},
		Drift: &discover.Check{At: at.Add(-10 * time.Minute), Added: 1, Changed: 2, Missing: 3, Errors: []string{"tiktok: 503"}},
		Presence: []intake.Presence{{Site: "wh1", Gateway: "gw-1", Online: true, LastSeen: at,
			Health: &wire.Health{ClockSynced: true, Backlog: wire.BacklogHealth{Entries: 12, OldestUnackedS: 4.5}}},
			{Site: "wh2", Gateway: "gw-2"}},
	}
	return metrics.Source{
		Status: func() status.Snapshot { return snap },
		Gateways: func() []intake.GatewayStatus {
			return []intake.GatewayStatus{{Site: "wh1", Gateway: "gw-1", LastSeq: 1041, LastSeen: at, GapFrom: 1042}}
		},
		Reservations: func() []stock.Reservation {
			return []stock.Reservation{{Channel: relay.Shopify, OrderID: "1", SKU: "TEE", Qty: 2},
				{Channel: relay.Shopify, OrderID: "2", SKU: "MUG", Qty: 1}, {Channel: relay.Lazada, OrderID: "9", SKU: "TEE", Qty: 4}}
		},
		Intake: func() (intake.Counters, bool) {
			return intake.Counters{Batches: 10, Malformed: 1, UnknownGateway: 2, Failed: 3, Resyncs: 1}, true
		},
		Webhooks: func() []relay.WebhookCount {
			return []relay.WebhookCount{{Channel: relay.Shopify, Outcome: relay.WebhookAccepted, N: 5}, {Channel: relay.Shopify, Outcome: relay.WebhookBadSignature, N: 1}}
		},
		Commits: func() stock.CommitTimes {
			return stock.CommitTimes{Count: 4, Sum: 30 * time.Millisecond, Buckets: []stock.CommitBucket{{UpTo: time.Millisecond, Count: 1}, {UpTo: 10 * time.Millisecond, Count: 3}}}
		},
		Version: "v1.2.3",
	}
}

// The collector's output for the fixed relay matches
// testdata/fixed.prom (go test -update rewrites it).
func TestCollectorGolden(t *testing.T) {
	golden := filepath.Join("testdata", "fixed.prom")
	c := metrics.New(fixed())
	if *update {
		if err := os.WriteFile(golden, exposition(t, c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if err := testutil.CollectAndCompare(c, bytes.NewReader(want)); err != nil {
		t.Error(err)
	}
}

// exposition is c's output in the text format.
func exposition(t *testing.T, c prometheus.Collector) []byte {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	enc := expfmt.NewEncoder(&b, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, mf := range mfs {
		if err := enc.Encode(mf); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

// Every metric follows the Prometheus naming and help conventions, for
// the fixed relay and for one that has not started (no optional parts).
func TestCollectorLint(t *testing.T) {
	bare := metrics.Source{Status: func() status.Snapshot { return status.Snapshot{} }}
	for name, src := range map[string]metrics.Source{"fixed": fixed(), "bare": bare} {
		problems, err := testutil.CollectAndLint(metrics.New(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s: %s", name, p.Metric, p.Text)
		}
	}
}

// A relay that has not started exports no broker session as connected,
// no intake, no drift and no token expiries.
func TestCollectorBare(t *testing.T) {
	bare := metrics.Source{Status: func() status.Snapshot {
		return status.Snapshot{Connections: []connect.Status{{Channel: relay.Shopify}}}
	}}
	c := metrics.New(bare)
	for name, want := range map[string]int{"edged_relay_mqtt_connected": 1, "edged_relay_intake_batches_total": 0,
		"edged_relay_mapping_check_timestamp_seconds": 0, "edged_relay_token_access_expiry_timestamp_seconds": 0,
		"edged_relay_connection_needs_connect": 1, "edged_relay_store_commit_duration_seconds": 0} {
		if got := testutil.CollectAndCount(c, name); got != want {
			t.Errorf("%s: %d series, want %d", name, got, want)
		}
	}
}
