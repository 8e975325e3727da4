package metrics_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"

	"github.com/edged/edged/relay/metrics"
)

// The handler serves the text format with the relay's, the Go runtime's
// and the process's metrics from one registry.
func TestHandlerServesText(t *testing.T) {
	h, err := metrics.Handler(fixed(), nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, err %v", resp.StatusCode, err)
	}
	if f := expfmt.ResponseFormat(resp.Header); f.FormatType() != expfmt.TypeTextPlain {
		t.Errorf("Content-Type %q is not the text format", resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{`edged_relay_build_info{fleet_instance="relay-a:9338",version="v1.2.3"} 1`,
		"go_goroutines ", "process_cpu_seconds_total ", `edged_relay_push_items_total{channel="shopify"} 42`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("no %q in\n%s", want, body)
		}
	}
}

func TestNewRegistryNeedsStatus(t *testing.T) {
	if _, err := metrics.NewRegistry(metrics.Source{}); err == nil {
		t.Error("a Source without Status was taken")
	}
}
