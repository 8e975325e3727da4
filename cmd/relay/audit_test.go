package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/stock"
)

// auditFixture is a stopped relay's bbolt store with a receipt at two
// sites and a Shopify order, and its configuration.
func auditFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "relay.db")
	b, err := stock.OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	e := engineOn(t, b)
	ctx := context.Background()
	ev := &stock.EventInfo{ID: "e1", Type: "receive", Location: "A-01", Worker: "ana", Device: "gun-2",
		Happened: time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC), ClockSynced: true}
	must(t, e.ApplyDelta(ctx, "gw1", 1, stock.Delta{SKU: "TEE", Site: "wh1", Kind: stock.Receive, Qty: 10, Event: ev}))
	must(t, e.ApplyDelta(ctx, "gw2", 1, stock.Delta{SKU: "MUG", Site: "wh2", Kind: stock.Receive, Qty: 4}))
	must(t, e.AcceptOrder(ctx, relay.OrderEvent{Channel: relay.Shopify, EventID: "w1", OrderID: "1042",
		Status: relay.OrderOpen, Lines: []relay.OrderLine{{Variant: "2001", Qty: 3}}}))
	must(t, b.Close())
	cfg := filepath.Join(dir, "relay.yaml")
	os.WriteFile(filepath.Join(dir, "m.csv"), []byte(copyMapping), 0o644)
	os.WriteFile(cfg, []byte("mapping: "+filepath.Join(dir, "m.csv")+"\nstore: "+path+"\n"), 0o644)
	return cfg
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func runAudit(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(append([]string{"audit"}, args...), &out, &errb); code != 0 {
		t.Fatalf("relay audit %v: exit %d: %s", args, code, errb.String())
	}
	return out.String()
}

func TestAuditPrintsATableNewestFirst(t *testing.T) {
	cfg := auditFixture(t)
	out := runAudit(t, "--config", cfg)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "TIME") {
		t.Fatalf("got\n%s\nwant a header and 3 rows", out)
	}
	for i, want := range [][]string{{"channel", "order", "TEE", " 3 ", "shopify", "1042"},
		{"gateway gw2", "receive", "MUG", "wh2", "+4"},
		{"2026-12-01 09:30:00", "gateway gw1", "receive", "TEE", "A-01", "+10", "ana", "gun-2"}} {
		for _, w := range want {
			if !strings.Contains(lines[i+1], w) {
				t.Errorf("row %d %q lacks %q", i+1, lines[i+1], w)
			}
		}
	}
}

func TestAuditFiltersAndJSON(t *testing.T) {
	cfg := auditFixture(t)
	out := runAudit(t, "--config", cfg, "--sku", "TEE", "--json", "--since", "1h")
	var kinds []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r audit.Row
		must(t, json.Unmarshal([]byte(l), &r))
		kinds = append(kinds, r.Kind)
	}
	if strings.Join(kinds, ",") != "order,receive" {
		t.Errorf("TEE's trail is %v, want order,receive", kinds)
	}
	if out := runAudit(t, "--config", cfg, "--until", "2020-01-01T00:00:00Z"); !strings.Contains(out, "no audit rows") {
		t.Errorf("--until before every row printed\n%s", out)
	}
	var o, e bytes.Buffer
	if code := run([]string{"audit", "--config", cfg, "--since", "yesterday"}, &o, &e); code == 0 || !strings.Contains(e.String(), "RFC 3339") {
		t.Errorf("a bad --since: exit %d, %q", code, e.String())
	}
}
