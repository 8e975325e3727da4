package console_test

import (
	"errors"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay/console"
)

func urlPath(s string) string { return url.PathEscape(s) }

var trailRow = regexp.MustCompile(`<tr data-id="(\d+)">`)

func TestSKUPageShowsTheTrailNewestFirstAndPages(t *testing.T) {
	start := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	trail := receipts("TEE/RED", 120, start)
	src := &fakeSource{skus: []console.SKU{agreeing("TEE/RED", "wh1", 60, "shopify"), agreeing("OTHER", "wh1", 1)}, channels: channelsOf("shopify")}
	s := newSite(t, src, trail)
	c := s.loggedIn(t)
	code, body := get(t, c, s.srv.URL+"/console/sku/"+urlPath("TEE/RED"))
	ids := trailRow.FindAllStringSubmatch(body, -1)
	if code != 200 || len(ids) != 50 || ids[0][1] != "120" || ids[49][1] != "71" {
		t.Fatalf("first page: %d, %d rows; want 50 from 120 down to 71", code, len(ids))
	}
	for _, want := range []string{"ann", "scanner-1", "A-01", `gateway <span title="gw-1@ep0ch">gw-1</span>`, "2026-12-01 08:02:00 UTC", `href="/console/sku/TEE%2FRED?before=71"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the trail lacks %q", want)
		}
	}
	if n := count(body, "<polyline"); n != 2 || !strings.Contains(body, `data-site="wh1"`) || !strings.Contains(body, "wh1: 120 now") {
		t.Errorf("chart: %d lines, want one per site with the last on hand", n)
	}
	_, body = get(t, c, s.srv.URL+"/console/sku/"+urlPath("TEE/RED")+"?before=21")
	ids = trailRow.FindAllStringSubmatch(body, -1)
	if len(ids) != 20 || ids[0][1] != "20" || strings.Contains(body, "Older entries") {
		t.Errorf("last page: %d rows from %v, want 20 from 20 and no older link", len(ids), ids[0])
	}
}

func TestSKUPageSaysWhenTheTrailCannotBeRead(t *testing.T) {
	s := newSite(t, &fakeSource{}, &fakeTrail{err: errors.New("disk on fire")})
	_, body := get(t, s.loggedIn(t), s.srv.URL+"/console/sku/X")
	if !strings.Contains(body, "could not be read") || strings.Contains(body, "disk on fire") {
		t.Errorf("a failed read: %s", body)
	}
	if !strings.Contains(s.log.String(), "disk on fire") {
		t.Error("the failure is not logged")
	}
	s = newSite(t, &fakeSource{}, nil)
	if _, body := get(t, s.loggedIn(t), s.srv.URL+"/console/sku/X"); !strings.Contains(body, "keeps no audit trail") {
		t.Error("no reader: the page does not say so")
	}
}

func TestStatePages(t *testing.T) {
	synced := true
	now := time.Date(2026, 12, 4, 3, 0, 0, 0, time.UTC)
	src := &fakeSource{
		gateways: []console.Gateway{{ID: "gw-1", Site: "wh1", LastSeen: now.Add(-10 * time.Second), LastSeq: 42, ClockSynced: &synced},
			{ID: "gw-2", Site: "wh2", LastSeen: now.Add(-time.Hour), LastSeq: 7, GapFrom: 8, GapSince: now.Add(-time.Hour)}},
		channels: []console.Channel{{Name: "shopify", LastPush: now, Pending: 3, LastError: "429 slow down", Connected: true, Shop: "demo.myshopify.com",
			AccessExpires: now.Add(2 * time.Hour), Owner: "relay-1"}},
		fleet: []console.Instance{{ID: "relay-1", Version: "v1.2.3", Self: true, Heartbeat: now, Leases: []string{"shopify"}}},
	}
	s := newSite(t, src, nil)
	c := s.loggedIn(t)
	checks := map[string][]string{
		"/console/gateways":  {"gw-1", ">online<", "10s ago", "synced", "OFFLINE", "from seq 8", "not reported"},
		"/console/channels":  {"429 slow down", "demo.myshopify.com", "in 2h0m0s", "relay-1"},
		"/console/instances": {"relay-1 (this one)", "v1.2.3", "shopify"},
	}
	for path, wants := range checks {
		_, body := get(t, c, s.srv.URL+path)
		for _, w := range wants {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
	}
}
