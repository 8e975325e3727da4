package console_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay/console"
)

var rowID = regexp.MustCompile(`<tr id="row-([^"]+)"`)

// rowsOf lists the SKUs of a stock page's rows in order.
func rowsOf(body string) []string {
	var out []string
	for _, m := range rowID.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestStockPageSearchesFiltersAndPages(t *testing.T) {
	src := &fakeSource{skus: manySKUs(250, 2, "shopify", "lazada"), channels: channelsOf("lazada", "shopify")}
	s := newSite(t, src, nil)
	c := s.loggedIn(t)
	cases := []struct {
		query       string
		rows        int
		first, last string
	}{
		{"", 100, "SKU-00000", "SKU-00099"},
		{"page=3", 50, "SKU-00200", "SKU-00249"},
		{"q=sku-0012", 10, "SKU-00120", "SKU-00129"},
		{"q=00249", 1, "SKU-00249", "SKU-00249"},
		{"site=wh1", 100, "SKU-00001", "SKU-00199"},
		{"site=wh1&page=2", 25, "SKU-00201", "SKU-00249"},
		{"q=nothing-like-it", 0, "", ""},
	}
	for _, tc := range cases {
		_, body := get(t, c, s.srv.URL+"/console/?"+tc.query)
		rows := rowsOf(body)
		if len(rows) != tc.rows || (tc.rows > 0 && (rows[0] != tc.first || rows[len(rows)-1] != tc.last)) {
			t.Errorf("?%s: %d rows %v…, want %d from %s to %s", tc.query, len(rows), head(rows), tc.rows, tc.first, tc.last)
		}
	}
	_, body := get(t, c, s.srv.URL+"/console/?channel=lazada")
	if strings.Contains(body, `data-channel="shopify"`) || !strings.Contains(body, `data-channel="lazada"`) {
		t.Error("the channel filter still shows shopify's column")
	}
	if !strings.Contains(body, `href="/console/?channel=lazada&amp;page=2"`) {
		t.Error("the next page link drops the filter")
	}
}

func head(s []string) []string { return s[:min(len(s), 3)] }

func TestStockPageFlagsEachDisagreementWithItsCause(t *testing.T) {
	since := time.Date(2026, 12, 4, 2, 59, 30, 0, time.UTC)
	pending := agreeing("PENDING", "wh1", 5, "shopify")
	pending.Listings[0].Told, pending.Listings[0].Pending, pending.Listings[0].Changed = 3, true, since
	failed := agreeing("FAILED", "wh1", 5, "shopify")
	failed.Listings[0].Told, failed.Listings[0].Pending, failed.Listings[0].Error = 2, true, "shopify: 422 listing archived"
	missing := agreeing("MISSING", "wh1", 4, "lazada")
	locked := agreeing("LOCKED", "wh1", 9, "shopify", "lazada")
	locked.Locks = []console.Lock{{Channel: "lazada", Qty: 3}}
	src := &fakeSource{skus: []console.SKU{agreeing("AGREES", "wh1", 1, "shopify", "lazada"), failed, locked, missing, pending},
		channels: channelsOf("lazada", "shopify")}
	s := newSite(t, src, nil)
	_, body := get(t, s.loggedIn(t), s.srv.URL+"/console/?sort=disagreeing")
	want := map[string]string{
		"PENDING": "shopify wh1: push pending since 02:59:30 UTC (offers 5, told 3)",
		"FAILED":  "shopify wh1: last push failed: shopify: 422 listing archived (offers 5, told 2)",
	}
	for sku, cause := range want {
		row := rowHTML(t, body, sku)
		if !strings.Contains(row, `class="disagree"`) || !strings.Contains(row, cause) {
			t.Errorf("%s: row lacks the flag %q:\n%s", sku, cause, row)
		}
	}
	if row := rowHTML(t, body, "AGREES"); strings.Contains(row, "disagree") || !strings.Contains(row, "agrees") {
		t.Errorf("AGREES is flagged:\n%s", row)
	}
	// a SKU sold on some channels only, and a campaign lock, are notes:
	// they shape the offers but nothing disagrees
	for sku, note := range map[string]string{"MISSING": "shopify: not listed", "LOCKED": "lazada holds 3 for a campaign"} {
		if row := rowHTML(t, body, sku); strings.Contains(row, `class="disagree"`) || !strings.Contains(row, note) {
			t.Errorf("%s: want the note %q and no flag:\n%s", sku, note, row)
		}
	}
	if rows := rowsOf(body); len(rows) != 5 || rows[0] != "FAILED" || rows[1] != "PENDING" || !strings.Contains(body, "2 with a disagreement") {
		t.Errorf("disagreeing first: %v", rows)
	}
}

// rowHTML is one SKU's row of a stock page.
func rowHTML(t *testing.T, body, sku string) string {
	t.Helper()
	i := strings.Index(body, fmt.Sprintf(`<tr id="row-%s"`, sku))
	if i < 0 {
		t.Fatalf("no row for %s", sku)
	}
	j := strings.Index(body[i:], "</tr>")
	return body[i : i+j]
}

func TestPagesEscapeWhatTheyShow(t *testing.T) {
	evil := `<script>alert(1)</script>`
	sku := agreeing(evil, `"><img src=x onerror=alert(2)>`, 1, "shopify")
	sku.Listings[0].Told, sku.Listings[0].Error = 0, `<b>boom</b>`
	src := &fakeSource{skus: []console.SKU{sku}, channels: channelsOf("shopify"),
		gateways: []console.Gateway{{ID: evil, Site: "wh1"}}, fleet: []console.Instance{{ID: evil}}}
	trail := &fakeTrail{rows: receipts(evil, 3, time.Now()).rows}
	trail.rows[0].Worker = evil
	s := newSite(t, src, trail)
	c := s.loggedIn(t)
	for _, path := range []string{"/console/", "/console/?q=%3Cscript", "/console/sku/" + urlPath(evil), "/console/gateways", "/console/instances"} {
		code, body := get(t, c, s.srv.URL+path)
		if code != 200 || strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") || strings.Contains(body, "<b>boom") {
			t.Errorf("%s (%d) shows markup unescaped:\n%s", path, code, body)
		}
		if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s does not show the SKU escaped", path)
		}
	}
}
