package stock_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/stock"
)

var day0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// appendRows commits rows straight to the store, row i recorded on day i.
func appendRows(t *testing.T, s stock.Store, rows []audit.Row) {
	t.Helper()
	var muts []stock.Mutation
	for _, r := range rows {
		v, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		muts = append(muts, stock.Mutation{Table: stock.TableAudit, Value: v})
	}
	_, err := s.Update(context.Background(), 0, func([]stock.Change) ([]stock.Mutation, error) { return muts, nil })
	if err != nil {
		t.Fatal(err)
	}
}

// grid is 24 rows over 2 SKUs × 2 sites × 3 channels, one a day.
func grid() []audit.Row {
	var rows []audit.Row
	for i := range 24 {
		rows = append(rows, audit.Row{Source: audit.FromChannel, Kind: audit.KindOrder,
			SKU: fmt.Sprint("sku", i%2), Site: fmt.Sprint("wh", i/2%2), Channel: fmt.Sprint("ch", i%3),
			Order: fmt.Sprint("o", i/4), Qty: int64(i), Recorded: day0.AddDate(0, 0, i)})
	}
	return rows
}

func qtys(rows []audit.Row) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.Qty
	}
	return out
}

func TestAuditFiltersNewestFirst(t *testing.T) {
	s := openStore(t, newStorePath(t))
	defer s.Close()
	appendRows(t, s, grid())
	cases := []struct {
		q    audit.Query
		want string
	}{
		{audit.Query{SKU: "sku1", Limit: 4}, "[23 21 19 17]"},
		{audit.Query{Site: "wh1", Limit: 5}, "[23 22 19 18 15]"},
		{audit.Query{Channel: "ch2", Limit: 3}, "[23 20 17]"},
		{audit.Query{Order: "o2"}, "[11 10 9 8]"},
		{audit.Query{SKU: "sku0", Site: "wh1", Channel: "ch0"}, "[18 6]"},
		{audit.Query{From: day0.AddDate(0, 0, 20)}, "[23 22 21 20]"},
		{audit.Query{To: day0.AddDate(0, 0, 2)}, "[1 0]"},
		{audit.Query{SKU: "sku0", From: day0.AddDate(0, 0, 3), To: day0.AddDate(0, 0, 9)}, "[8 6 4]"},
		{audit.Query{Order: "nobody"}, "[]"},
	}
	for _, c := range cases {
		if got := fmt.Sprint(qtys(trail(t, s, c.q))); got != c.want {
			t.Errorf("%+v: got %s, want %s", c.q, got, c.want)
		}
	}
}

func TestAuditPagesByBefore(t *testing.T) {
	s := openStore(t, newStorePath(t))
	defer s.Close()
	appendRows(t, s, grid())
	for _, q := range []audit.Query{{Limit: 5}, {SKU: "sku0", Limit: 5}} {
		var all []int64
		for page := 0; page < 10; page++ {
			rows := trail(t, s, q)
			if len(rows) == 0 {
				break
			}
			all = append(all, qtys(rows)...)
			q.Before = rows[len(rows)-1].ID
		}
		want := 24
		if q.SKU != "" {
			want = 12
		}
		if len(all) != want || all[0] < all[len(all)-1] {
			t.Errorf("%+v: pages gave %v, want %d rows newest first", q, all, want)
		}
	}
}

func TestAuditRetentionPrunesOldRowsAndTheirIndexes(t *testing.T) {
	s := openStore(t, newStorePath(t))
	defer s.Close()
	appendRows(t, s, grid())
	n, err := s.(auditStore).PruneAudit(context.Background(), day0.AddDate(0, 0, 20))
	if err != nil || n != 20 {
		t.Fatalf("pruned %d (%v), want 20", n, err)
	}
	if got := fmt.Sprint(qtys(trail(t, s, audit.Query{}))); got != "[23 22 21 20]" {
		t.Errorf("kept %s", got)
	}
	if got := fmt.Sprint(qtys(trail(t, s, audit.Query{SKU: "sku0"}))); got != "[22 20]" {
		t.Errorf("the SKU index kept %s", got)
	}
	if n, _ := s.(auditStore).PruneAudit(context.Background(), day0.AddDate(0, 0, 20)); n != 0 {
		t.Errorf("a second prune deleted %d", n)
	}
}

func TestAuditRowsAreNotLoadedNorFollowed(t *testing.T) {
	s := openStore(t, newStorePath(t))
	defer s.Close()
	appendRows(t, s, grid())
	snap, err := s.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(snap.Records[stock.TableAudit]); n != 0 {
		t.Errorf("Load returned %d audit rows", n)
	}
	changes, err := s.Changes(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		for _, m := range c.Muts {
			if m.Table == stock.TableAudit {
				t.Fatalf("change %d carries an audit row", c.Version)
			}
		}
	}
}

// A prune larger than one of the stores' delete batches goes on to the end.
func TestAuditPruneDeletesPastOneBatch(t *testing.T) {
	s := openStore(t, newStorePath(t))
	defer s.Close()
	rows := make([]audit.Row, 12_001)
	for i := range rows {
		rows[i] = audit.Row{Kind: "receive", SKU: fmt.Sprint("sku", i%7), Recorded: day0.Add(time.Duration(i) * time.Second)}
	}
	appendRows(t, s, rows)
	n, err := s.(auditStore).PruneAudit(context.Background(), day0.Add(12_000*time.Second))
	if err != nil || n != 12_000 {
		t.Fatalf("pruned %d (%v), want 12000", n, err)
	}
	if left := trail(t, s, audit.Query{}); len(left) != 1 || !left[0].Recorded.Equal(day0.Add(12_000*time.Second)) {
		t.Errorf("kept %d rows: %+v", len(left), left)
	}
}
