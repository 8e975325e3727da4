package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/stock"
)

// After the demo, the relay's audit trail holds every event of the
// gateway's ledger and every order the marketplaces took, once each.
func TestDemoAuditTrailIsComplete(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := run([]string{"demo", "--duration", "8s", "--keep", dir, "--json-summary"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("demo exit %d: %s\n%s", code, errb.String(), out.String())
	}
	var sum demoSummary
	if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
		t.Fatalf("summary: %v\n%s", err, out.String())
	}
	rows := demoTrail(t, filepath.Join(dir, "relay.db"))
	events := demoLedgerEvents(t, filepath.Join(dir, "ledger.db"))
	if len(events) == 0 || uint64(len(events)) != sum.EventsRecorded {
		t.Fatalf("the ledger holds %d events, the demo recorded %d", len(events), sum.EventsRecorded)
	}
	seen := map[string]int{}
	orders := map[string]int{}
	for _, r := range rows {
		switch {
		case r.Source == audit.FromGateway:
			seen[fmt.Sprintf("%s#%d", r.EventID, r.Seq)]++
		case r.Kind == audit.KindOrder:
			orders[r.Channel+"/"+r.Order]++
		}
	}
	t.Logf("%d ledger events, %d orders, %d audit rows", len(events), sum.MarketplaceSales, len(rows))
	for _, e := range events {
		if n := seen[fmt.Sprintf("%s#%d", e.ID, e.Seq)]; n != 1 {
			t.Errorf("ledger event %s (seq %d, %s of %s) is %d times in the trail", e.ID, e.Seq, e.Type, e.SKU, n)
		}
	}
	if len(seen) != len(events) {
		t.Errorf("the trail has %d gateway rows, the ledger %d events", len(seen), len(events))
	}
	if sum.MarketplaceSales == 0 || len(orders) != sum.MarketplaceSales {
		t.Errorf("the trail has %d orders, the marketplaces took %d", len(orders), sum.MarketplaceSales)
	}
	for o, n := range orders {
		if n != 1 { // every demo sale is one line
			t.Errorf("order %s has %d order rows, want 1", o, n)
		}
	}
}

// demoTrail reads the whole trail of the demo's relay store, page by page.
func demoTrail(t *testing.T, path string) []audit.Row {
	t.Helper()
	s, err := stock.OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var all []audit.Row
	q := audit.Query{Limit: audit.MaxLimit}
	for {
		rows, err := s.Audit(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			return all
		}
		all = append(all, rows...)
		q.Before = rows[len(rows)-1].ID
	}
}

func demoLedgerEvents(t *testing.T, path string) []ledger.Event {
	t.Helper()
	l, err := ledger.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var out []ledger.Event
	if err := l.Log(ledger.LogFilter{}, func(e *ledger.Event) error { out = append(out, *e); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}
