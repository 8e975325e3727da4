package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/stock"
)

// scrape is one GET /metrics: the Content-Type and each series' value
// by name and labels ("name{k=v,...}", labels sorted as served).
type scrape struct {
	contentType string
	format      expfmt.Format
	series      map[string]float64
}

func scrapeMetrics(t *testing.T, url string) scrape {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %s", resp.Status)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("GET /metrics is not the text format: %v", err)
	}
	s := scrape{contentType: resp.Header.Get("Content-Type"), format: expfmt.ResponseFormat(resp.Header), series: map[string]float64{}}
	for name, mf := range mfs {
		for _, m := range mf.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, l.GetName()+"="+l.GetValue())
			}
			v := m.GetGauge().GetValue() + m.GetCounter().GetValue() + float64(m.GetHistogram().GetSampleCount())
			s.series[name+"{"+strings.Join(labels, ",")+"}"] = v
		}
	}
	return s
}

// hasSeries reports whether a series starts with prefix and ends with
// suffix.
func hasSeries(sc scrape, prefix, suffix string) bool {
	for k := range sc.series {
		if strings.HasPrefix(k, prefix) && strings.HasSuffix(k, suffix) {
			return true
		}
	}
	return false
}

// postForged sends a Shopify webhook with a wrong signature.
func postForged(t *testing.T, url string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader([]byte(`{"id":1}`)))
	req.Header.Set("X-Shopify-Topic", "orders/create")
	req.Header.Set("X-Shopify-Webhook-Id", "forged")
	req.Header.Set("X-Shopify-Hmac-Sha256", shopify.WebhookSignature("not the secret", []byte(`{"id":1}`)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// GET /metrics on the running relay, in the Prometheus text format: the
// items pushed to Shopify, its webhooks by outcome, the applied seq of
// the gateway, the broker session and the store's commits show; GET /
// is still the status page.
func TestRelayMetricsEndpoint(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	base := "http://" + ln.Addr().String()
	shop := shopifysim.New(shopifysim.Config{AccessToken: "tok", ClientSecret: "sec"})
	shop.AddItem("gid://shopify/InventoryItem/1001", "gid://shopify/Location/301", "2001", 0, false)
	shopSrv := httptest.NewServer(shop.Handler())
	defer shopSrv.Close()
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	m, _ := stock.ParseMapping(strings.NewReader(mapping), "mapping.csv")
	cfg := server.Config{Store: newStore(t), Mapping: "mapping.csv",
		Channels: server.Channels{Shopify: shopify.Config{BaseURL: shopSrv.URL, AccessToken: "tok", ClientSecret: "sec"}}}
	s, err := server.New(ctx, cfg, server.Parts{Mapping: m, BrokerURL: broker.URL(), Listener: ln, Version: "v9.9.9-test"})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	l := ledgertest.Open(t, nil)
	for i := range 3 {
		e := ledger.Event{ID: fmt.Sprint("r", i), Type: ledger.Receive, SKU: "TEE", Location: "A", Qty: 1, UnitCost: ledger.Cost(100)}
		if _, err := l.Append(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	runGateway(t, ctx, broker.URL(), l)
	hooks := base + "/webhooks/shopify"
	for _, c := range []struct{ got, want int }{{postWebhook(t, hooks, "w-1"), 200}, {postWebhook(t, hooks, "w-1"), 200}, {postForged(t, hooks), 401}} {
		if c.got != c.want {
			t.Fatalf("webhook answered %d, want %d", c.got, c.want)
		}
	}
	var sc scrape
	eventually(t, "Shopify's pushes and the gateway's 3 deltas in /metrics", func() bool {
		sc = scrapeMetrics(t, base+"/metrics")
		return sc.series[`edged_relay_push_items_total{channel=shopify}`] >= 1 && sc.series[`edged_relay_gateway_applied_seq{gateway=gw-1,site=wh1}`] == 3
	})
	if sc.format.FormatType() != expfmt.TypeTextPlain || !strings.HasPrefix(sc.contentType, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type %q is not the Prometheus text format", sc.contentType)
	}
	for series, want := range map[string]float64{
		`edged_relay_webhook_deliveries_total{channel=shopify,outcome=accepted}`:      1,
		`edged_relay_webhook_deliveries_total{channel=shopify,outcome=duplicate}`:     1,
		`edged_relay_webhook_deliveries_total{channel=shopify,outcome=bad_signature}`: 1,
		`edged_relay_webhook_deliveries_total{channel=shopify,outcome=not_stored}`:    0,
		`edged_relay_mqtt_connected{}`:                                                1,
	} {
		if got, ok := sc.series[series]; !ok || got != want {
			t.Errorf("%s = %v (present %v), want %v", series, got, ok, want)
		}
	}
	if !hasSeries(sc, `edged_relay_build_info{`, `version=v9.9.9-test}`) {
		t.Error("no edged_relay_build_info with the relay's version")
	}
	for _, series := range []string{`edged_relay_store_commit_duration_seconds{}`, `edged_relay_intake_batches_total{}`, `go_goroutines{}`} {
		if sc.series[series] < 1 {
			t.Errorf("%s = %v, want at least 1", series, sc.series[series])
		}
	}
	resp, err := http.Get(base + "/")
	if err != nil || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("GET / is no longer the status page: %v %v", err, resp.Header)
	}
	resp.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
