package discover_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/discover"
	"github.com/edged/edged/relay/stock"
)

func lz(sku, item, variant string) relay.Listing {
	return relay.Listing{Channel: relay.Lazada, SellerSKU: sku, Item: item, Variant: variant}
}

func channelReport(t *testing.T, r discover.Report, ch relay.Channel) discover.ChannelReport {
	t.Helper()
	for _, c := range r.Channels {
		if c.Channel == ch {
			return c
		}
	}
	t.Fatalf("no report for %s", ch)
	return discover.ChannelReport{}
}

func TestMatchCases(t *testing.T) {
	catalog := []string{"A", " B ", "C", "D", "", "A"}
	listings := map[relay.Channel][]relay.Listing{
		relay.Lazada: {
			lz("A", "1", "11"),
			lz(" B", "1", "12"),                        // trimmed
			lz("X", "2", "21"),                         // unknown
			lz("C", "3", "31"),                         // duplicate of a known SKU...
			lz("C", "4", "41"),                         // ...on another listing
			lz("Y", "5", "51"),                         // duplicate of an unknown SKU
			lz("Y", "5", "52"),                         // (another variant of one item)
			lz("", "6", "61"),                          // blank
			lz("  ", "6", "62"),                        // blank too
			lz("A", "1", "11"),                         // the same listing answered twice
			{SellerSKU: "E", Item: "7", Variant: "71"}, // channel filled in by Match
		},
		relay.TikTok: {
			{Channel: relay.TikTok, SellerSKU: "A", Item: "9", Variant: "91", Location: "W1"},
			{Channel: relay.TikTok, SellerSKU: "A", Item: "9", Variant: "91", Location: "W2"}, // two warehouses: not a duplicate
		},
		relay.Shopify: {
			{Channel: relay.Shopify, SellerSKU: "D", Item: "gid://shopify/InventoryItem/1", Variant: "5"}, // stocked nowhere
		},
		relay.Shopee: {}, // read, empty: everything missing
	}
	res := discover.Match(catalog, listings, discover.Options{Site: "main"})
	if res.Report.Catalog != 4 {
		t.Errorf("catalog %d, want 4 distinct non-blank SKUs", res.Report.Catalog)
	}
	l := channelReport(t, res.Report, relay.Lazada)
	if l.Matched != 2 || l.Rows != 2 || l.Listings != 11 {
		t.Errorf("lazada matched %d rows %d listings %d, want 2, 2, 11", l.Matched, l.Rows, l.Listings)
	}
	if got := skus(l.Unknown); !slices.Equal(got, []string{"E", "X"}) {
		t.Errorf("unknown %v, want [E X]", got)
	}
	if !slices.Equal(l.Missing, []string{"D"}) {
		t.Errorf("missing %v, want [D] (C is a duplicate, not missing)", l.Missing)
	}
	if len(l.Duplicates) != 2 || l.Duplicates[0].SellerSKU != "C" || !l.Duplicates[0].Known || l.Duplicates[1].Known {
		t.Errorf("duplicates %+v, want C (known) and Y (unknown)", l.Duplicates)
	}
	if len(l.Blank) != 2 {
		t.Errorf("blank %+v, want 2", l.Blank)
	}
	tt := channelReport(t, res.Report, relay.TikTok)
	if tt.Matched != 1 || tt.Rows != 2 || len(tt.Duplicates) != 0 {
		t.Errorf("tiktok %+v: want A matched at two warehouses", tt)
	}
	sp := channelReport(t, res.Report, relay.Shopify)
	if len(sp.Unstocked) != 1 || sp.Rows != 0 {
		t.Errorf("shopify %+v: want the variant unstocked, not mapped", sp)
	}
	if se := channelReport(t, res.Report, relay.Shopee); len(se.Missing) != 4 {
		t.Errorf("shopee missing %v, want all 4", se.Missing)
	}
	for _, r := range res.Rows {
		if r.Site != "main" {
			t.Errorf("row %+v: site not set", r)
		}
	}
	if len(res.Rows) != 4 || res.Rows[0].Channel != relay.Lazada || res.Rows[2].Channel != relay.TikTok {
		t.Errorf("rows %+v, want lazada's two then tiktok's two", res.Rows)
	}
}

func skus(ls []relay.Listing) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.SellerSKU)
	}
	slices.Sort(out)
	return out
}

func TestCSVRoundTrip(t *testing.T) {
	rows := []relay.Target{
		{Channel: relay.Shopify, SKU: "A,1", Site: "main", Item: "gid://shopify/InventoryItem/1", Variant: "11", Location: "gid://shopify/Location/3", SellerSKU: "A,1"},
		{Channel: relay.Lazada, SKU: `B "x"`, Item: "2", Variant: "21", SellerSKU: `B "x"`},
		{Channel: relay.Shopee, SKU: "#C", Item: "3", Variant: "0", Location: "SGZ"},
		{Channel: relay.TikTok, SKU: "D", Item: "4", Variant: "41", Location: "W1"},
	}
	var buf bytes.Buffer
	if err := discover.WriteCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "channel,sku,site,item,variant,location,seller_sku\n") {
		t.Errorf("header: %q", buf.String())
	}
	m, err := stock.ParseMapping(&buf, "discovered.csv")
	if err != nil {
		t.Fatal(err)
	}
	back := discover.Rows(m)
	want := slices.Clone(rows)
	slices.SortFunc(want, func(a, b relay.Target) int { return strings.Compare(a.Key(), b.Key()) })
	slices.SortFunc(back, func(a, b relay.Target) int { return strings.Compare(a.Key(), b.Key()) })
	if !slices.Equal(back, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, want)
	}
	if d := discover.Compare(rows, back, relay.Channels()); !d.Empty() {
		t.Errorf("a mapping drifted from itself: %+v", d)
	}
}

func TestCompare(t *testing.T) {
	loaded := []relay.Target{
		{Channel: relay.Lazada, SKU: "A", Site: "main", Item: "1", Variant: "11"},
		{Channel: relay.Lazada, SKU: "B", Item: "1", Variant: "12"},
		{Channel: relay.Lazada, SKU: "C", Item: "1", Variant: "13", SellerSKU: "C"},
		{Channel: relay.TikTok, SKU: "A", Item: "9", Variant: "91"}, // not read: not compared
	}
	found := []relay.Target{
		{Channel: relay.Lazada, SKU: "A", Item: "1", Variant: "11", SellerSKU: "A"}, // no site, seller SKU new: same
		{Channel: relay.Lazada, SKU: "B2", Item: "1", Variant: "12"},                // changed SKU
		{Channel: relay.Lazada, SKU: "D", Item: "2", Variant: "21"},                 // added
	}
	d := discover.Compare(loaded, found, []relay.Channel{relay.Lazada})
	if len(d.Added) != 1 || d.Added[0].SKU != "D" {
		t.Errorf("added %+v", d.Added)
	}
	if len(d.Removed) != 1 || d.Removed[0].SKU != "C" {
		t.Errorf("removed %+v", d.Removed)
	}
	if len(d.Changed) != 1 || d.Changed[0].Loaded.SKU != "B" || d.Changed[0].Discovered.SKU != "B2" {
		t.Errorf("changed %+v", d.Changed)
	}
}

func TestReadCatalog(t *testing.T) {
	got, err := discover.ReadCatalog(strings.NewReader("# ours\nName,SKU\nmug, M-1\ncap,\ntee,T-2\n"), "catalog.csv")
	if err != nil || !slices.Equal(got, []string{"M-1", "T-2"}) {
		t.Errorf("got %v, %v", got, err)
	}
	if _, err := discover.ReadCatalog(strings.NewReader("name\nmug\n"), "catalog.csv"); err == nil || !strings.Contains(err.Error(), "sku") {
		t.Errorf("no sku column: %v", err)
	}
}

func TestReportText(t *testing.T) {
	res := discover.Match([]string{"A"}, map[relay.Channel][]relay.Listing{relay.Lazada: {lz("A", "1", "2"), lz("Z", "3", "4")}}, discover.Options{})
	var buf bytes.Buffer
	if err := res.Report.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CHANNEL", "lazada", "1 not in the catalog", "Z 3/4"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, buf.String())
		}
	}
}
