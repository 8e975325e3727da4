package console_test

import (
	"io"
	"net/http"
	"slices"
	"testing"
	"time"
)

// benchChannels are the four marketplaces.
var benchChannels = []string{"lazada", "shopee", "shopify", "tiktok"}

// measure fetches url b.N times with the bearer token and reports the
// median and the 99th percentile latency.
func measure(b *testing.B, url string) {
	b.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	lat := make([]time.Duration, 0, b.N)
	for b.Loop() {
		start := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, resp.Body); err != nil || resp.StatusCode != 200 {
			b.Fatalf("%s: %d %v", url, resp.StatusCode, err)
		}
		resp.Body.Close()
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}

// BenchmarkConsoleStock is the stock page over a real HTTP server with
// 10,000 SKUs at 4 sites on 4 channels, every 7th disagreeing.
func BenchmarkConsoleStock(b *testing.B) {
	skus := manySKUs(10000, 4, benchChannels...)
	for i := 0; i < len(skus); i += 7 {
		skus[i].Listings[0].Told, skus[i].Listings[0].Pending = 0, true
	}
	s := newSite(b, &fakeSource{skus: skus, channels: channelsOf(benchChannels...)}, nil)
	for _, q := range []struct{ name, path string }{
		{"first-page", ""}, {"search", "?q=sku-04"}, {"site", "?site=wh2&page=10"}, {"disagreeing-first", "?sort=disagreeing"},
		// The baseline: a page of the same server that reads no stock.
		{"baseline-login", "login"},
	} {
		b.Run(q.name, func(b *testing.B) { measure(b, s.srv.URL+"/console/"+q.path) })
	}
}

// BenchmarkConsoleSKU is a SKU page (50 trail rows and a chart of 1,000)
// over a fake reader: the stores' own reads are benchmarked with them.
func BenchmarkConsoleSKU(b *testing.B) {
	trail := receipts("SKU-00042", 5000, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	s := newSite(b, &fakeSource{skus: manySKUs(10000, 4, benchChannels...), channels: channelsOf(benchChannels...)}, trail)
	measure(b, s.srv.URL+"/console/sku/SKU-00042")
}
