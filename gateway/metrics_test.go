package gateway

import (
	"flag"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/uplink/wire"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// twoOfEach has two readers and two scanners: the hand-written exposition
// repeated HELP and TYPE per reader, which Prometheus refuses.
func twoOfEach() Health {
	return Health{Uptime: 12, Ledger: ledger.Status{Head: 40, Acked: 38, Pending: 2, Bytes: 65536},
		Readers:  []ReaderHealth{{Name: "dock", State: "reading", Reads: 900}, {Name: `yard "2"`, State: "connecting", Reconnects: 3}},
		Scanners: []ScannerHealth{{Name: "pack-1", Online: true, Scans: 17, Rejected: 1}, {Name: "pack-2"}},
		Uplink:   &wire.Health{Link: wire.LinkHealth{Connected: true}},
		Degraded: []string{`reader "yard \"2\"" not reading for 2m`}}
}

func TestMetricsAreValidExposition(t *testing.T) {
	srv := httptest.NewServer(promHandler(twoOfEach, slog.New(slog.DiscardHandler)))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("Prometheus cannot parse /metrics: %v\n%s", err, body)
	}
	if fams["edged_reader_reads_total"] == nil || len(fams["edged_reader_reads_total"].Metric) != 2 {
		t.Fatalf("want one family with both readers:\n%s", body)
	}
	if fams["go_goroutines"] == nil || fams["process_resident_memory_bytes"] == nil {
		t.Fatalf("want the Go runtime and process metrics too:\n%s", body)
	}
}

func TestMetricsGolden(t *testing.T) {
	c := newHealthCollector(twoOfEach)
	if problems, err := testutil.CollectAndLint(c); err != nil || len(problems) > 0 {
		t.Fatalf("lint: %v %v", problems, err)
	}
	golden := "testdata/metrics.golden"
	if *update {
		var b strings.Builder
		reg := newRegistry(c)
		mfs, _ := reg.Gather()
		for _, mf := range mfs {
			_, _ = expfmt.MetricFamilyToText(&b, mf)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.Open(golden)
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()
	if err := testutil.CollectAndCompare(c, want); err != nil {
		t.Fatal(err)
	}
}
