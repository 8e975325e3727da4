package discover_test

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/discover"
	"github.com/edged/edged/relay/discover/discovertest"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/tiktok"
)

// readers are the four adapters on the rig's simulators.
func readers(tb testing.TB, r *discovertest.Rig) map[relay.Channel]relay.ListingReader {
	tb.Helper()
	sp, err1 := shopify.New(r.ShopifyConfig, nil, nil)
	lz, err2 := lazada.New(r.LazadaConfig, nil, nil)
	se, err3 := shopee.New(r.ShopeeConfig, nil, nil)
	tt, err4 := tiktok.New(r.TikTokConfig, nil, nil)
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			tb.Fatal(err)
		}
	}
	return map[relay.Channel]relay.ListingReader{relay.Shopify: sp, relay.Lazada: lz, relay.Shopee: se, relay.TikTok: tt}
}

// discoverAll reads the four simulators, matches and writes the CSV.
func discoverAll(ctx context.Context, tb testing.TB, rs map[relay.Channel]relay.ListingReader, catalog []string) (discover.Result, []byte) {
	listings, err := discover.ReadAll(ctx, rs)
	if err != nil {
		tb.Fatal(err)
	}
	res := discover.Match(catalog, listings, discover.Options{})
	var buf bytes.Buffer
	if err := discover.WriteCSV(&buf, res.Rows); err != nil {
		tb.Fatal(err)
	}
	return res, buf.Bytes()
}

func TestDiscoverFourSimulators(t *testing.T) {
	const n = 120
	rig := discovertest.Start(t, n)
	// The catalog lacks the last SKU and has one no channel lists.
	catalog := append(discovertest.Catalog(n-1), "NOT-LISTED")
	res, csv := discoverAll(context.Background(), t, readers(t, rig), catalog)
	if len(res.Rows) != 4*(n-1) {
		t.Fatalf("%d rows, want %d", len(res.Rows), 4*(n-1))
	}
	for _, c := range res.Report.Channels {
		if c.Matched != n-1 || len(c.Unknown) != 1 || len(c.Missing) != 1 || c.Missing[0] != "NOT-LISTED" {
			t.Errorf("%s: matched %d unknown %d missing %v", c.Channel, c.Matched, len(c.Unknown), c.Missing)
		}
	}
	m, err := stock.ParseMapping(bytes.NewReader(csv), "discovered.csv")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(m.Targets(discovertest.SKU(0))); got != 4 {
		t.Errorf("SKU-00000 on %d channels, want 4", got)
	}
}

// BenchmarkDiscover5000 builds the mapping of 5,000 listings, 1,250 on
// each simulator: "channels" reads them through the adapters at their
// default rate limits, then matches and writes the CSV; "match" is the
// baseline of the same run, matching and writing listings already read,
// so that the ratio shows what the channels' paging and limits cost.
func BenchmarkDiscover5000(b *testing.B) {
	const perChannel = 1250
	rig := discovertest.Start(b, perChannel)
	catalog := discovertest.Catalog(perChannel)
	b.Run("channels", func(b *testing.B) {
		for b.Loop() {
			res, _ := discoverAll(context.Background(), b, readers(b, rig), catalog)
			if len(res.Rows) != 4*perChannel {
				b.Fatalf("%d rows, want %d", len(res.Rows), 4*perChannel)
			}
		}
		b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/run")
	})
	listings, err := discover.ReadAll(context.Background(), readers(b, rig))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("match", func(b *testing.B) {
		for b.Loop() {
			res := discover.Match(catalog, listings, discover.Options{})
			if err := discover.WriteCSV(io.Discard, res.Rows); err != nil || len(res.Rows) != 4*perChannel {
				b.Fatalf("%d rows, %v", len(res.Rows), err)
			}
		}
		b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/run")
	})
}
