package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edged/edged/internal/pgtest"
	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

var pg *pgtest.Server

func TestMain(m *testing.M) {
	os.Exit(pgtest.Main(m, func(s *pgtest.Server) int { pg = s; return m.Run() }))
}

const copyMapping = `channel,sku,site,item,variant,location,seller_sku
shopify,TEE,wh1,gid://shopify/InventoryItem/1001,2001,gid://shopify/Location/301,
lazada,TEE,wh1,3001,4001,,TEE
`

func engineOn(t *testing.T, s stock.Store) *stock.Engine {
	t.Helper()
	m, err := stock.ParseMapping(strings.NewReader(copyMapping), "m.csv")
	if err != nil {
		t.Fatal(err)
	}
	out := map[relay.Channel]stock.Enqueuer{relay.Shopify: nopQueue{}, relay.Lazada: nopQueue{}}
	e, err := stock.New(context.Background(), stock.Options{Store: s, Mapping: m, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

type nopQueue struct{}

func (nopQueue) Enqueue(relay.Item) {}

// relay store copy moves a bbolt relay to PostgreSQL with its stock,
// reservations, delivery ids and gateway seqs.
func TestStoreCopyKeepsEveryReservation(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "relay.db")
	b, err := stock.OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	e := engineOn(t, b)
	if err := e.ApplyDelta(ctx, "gw1@e1", 1, stock.Delta{SKU: "TEE", Site: "wh1", Kind: stock.Receive, Qty: 10}); err != nil {
		t.Fatal(err)
	}
	ev := relay.OrderEvent{Channel: relay.Shopify, EventID: "w1", OrderID: "o1", Status: relay.OrderOpen,
		Lines: []relay.OrderLine{{Variant: "2001", Qty: 3}}}
	if err := e.AcceptOrder(ctx, ev); err != nil {
		t.Fatal(err)
	}
	sealed := []byte("sealed shopee connection")
	if _, err := b.SaveConnection(ctx, relay.Shopee, sealed, 0); err != nil {
		t.Fatal(err)
	}
	b.Close()
	dsn := pg.NewDatabase(t)
	var out bytes.Buffer
	if code := run([]string{"store", "copy", "--from", path, "--to", dsn}, &out, &out); code != 0 {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	if !strings.Contains(out.String(), "every one checked") {
		t.Errorf("output: %s", out.String())
	}
	p, err := pgstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if rec, err := p.Connection(ctx, relay.Shopee); err != nil || !bytes.Equal(rec.Sealed, sealed) {
		t.Errorf("connection not copied: %+v %v", rec, err)
	}
	c := engineOn(t, p)
	if l := c.Level("TEE", "wh1"); l.OnHand != 10 || l.Reserved != 3 || len(c.Reservations()) != 1 {
		t.Errorf("copied stock %+v, reservations %v", l, c.Reservations())
	}
	if err := c.AcceptOrder(ctx, ev); err != nil || c.Level("TEE", "wh1").Reserved != 3 {
		t.Errorf("a delivery seen before the copy was applied again: %v", err)
	}
	// the audit trail came along, oldest first, with its times
	rows, err := p.Audit(ctx, audit.Query{SKU: "TEE"})
	if err != nil || len(rows) != 2 || rows[0].Kind != audit.KindOrder || rows[1].Kind != "receive" ||
		rows[1].Recorded.IsZero() || !strings.Contains(out.String(), "copied 2 audit rows") {
		t.Errorf("audit rows after the copy: %+v %v\n%s", rows, err, out.String())
	}
	out.Reset()
	if code := run([]string{"store", "copy", "--from", path, "--to", dsn}, &out, &out); code == 0 || !strings.Contains(out.String(), "empty database") {
		t.Errorf("copy into a used store: exit %d: %s", code, out.String())
	}
}

func TestMigrateAndCheckRefuseTheUnsafeSetup(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "m.csv"), []byte(copyMapping), 0o644)
	cfg := filepath.Join(dir, "relay.yaml")
	os.WriteFile(cfg, []byte("mapping: m.csv\nstore: "+filepath.Join(dir, "relay.db")+"\nmqtt: {share_group: relays}\n"), 0o644)
	var out bytes.Buffer
	if code := run([]string{"check", "--config", cfg}, &out, &out); code != 1 || !strings.Contains(out.String(), "split brain") ||
		!strings.Contains(out.String(), "postgres://") {
		t.Errorf("share_group on bbolt: exit %d: %s", code, out.String())
	}
	dsn := pg.NewDatabase(t)
	os.WriteFile(cfg, []byte("mapping: m.csv\nstore: "+dsn+"\nmqtt: {share_group: relays}\n"), 0o644)
	out.Reset()
	if code := run([]string{"check", "--config", cfg}, &out, &out); code != 0 {
		t.Errorf("share_group on postgres: exit %d: %s", code, out.String())
	}
	out.Reset()
	if code := run([]string{"migrate", "--config", cfg}, &out, &out); code != 0 || !strings.Contains(out.String(), "OK") {
		t.Errorf("migrate: exit %d: %s", code, out.String())
	}
}
