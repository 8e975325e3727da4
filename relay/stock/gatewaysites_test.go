package stock_test

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/edged/edged/config"
	"github.com/edged/edged/relay/stock"
)

// logs records what an engine logs.
type logs struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (l *logs) Enabled(context.Context, slog.Level) bool { return true }
func (l *logs) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logs) WithGroup(string) slog.Handler            { return l }
func (l *logs) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.recs = append(l.recs, r.Clone())
	return nil
}

func (l *logs) count(prefix string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, r := range l.recs {
		if strings.HasPrefix(r.Message, prefix) {
			n++
		}
	}
	return n
}

func loggedEngine(t *testing.T, cfg stock.Config) (*stock.Engine, *logs) {
	t.Helper()
	st, err := stock.OpenBolt(filepath.Join(t.TempDir(), "relay.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	l := &logs{}
	e, err := stock.New(context.Background(), stock.Options{Store: st, Mapping: loadMapping(t), Config: cfg, Logger: slog.New(l)})
	if err != nil {
		t.Fatal(err)
	}
	return e, l
}

func receipts(site string, first, n uint64) []stock.Sequenced {
	var b []stock.Sequenced
	for s := first; s < first+n; s++ {
		b = append(b, stock.Sequenced{Seq: s, Delta: stock.Delta{SKU: tee, Site: site, Kind: stock.Receive, Qty: 1}})
	}
	return b
}

// TestBatchForAnotherSiteIsRefused: a gateway bound to wh1 cannot change
// wh2's stock, whatever key its stream has (the intake's gateway@epoch);
// each refusal is counted, the first of the pair logged.
func TestBatchForAnotherSiteIsRefused(t *testing.T) {
	e, l := loggedEngine(t, stock.Config{Gateways: stock.GatewaySites{"gw-a": "wh1", "gw-b": "wh2"}})
	ctx := context.Background()
	for range 3 {
		last, err := e.ApplyBatch(ctx, "gw-a@ep1", append(receipts("wh1", 1, 1), receipts("wh2", 2, 1)...))
		if !errors.Is(err, stock.ErrWrongSite) || last != 0 {
			t.Fatalf("gw-a sending for wh2: last %d err %v, want ErrWrongSite and nothing applied", last, err)
		}
	}
	if lv := e.Level(tee, "wh1"); lv.OnHand != 0 {
		t.Fatalf("part of a refused batch applied: wh1 on hand %d", lv.OnHand)
	}
	if n := l.count("deltas for another site"); n != 1 {
		t.Fatalf("%d warnings for one gateway/site pair, want 1", n)
	}
	if c := e.Counters(); c.WrongSites != 3 {
		t.Fatalf("wrong sites counted %d, want 3", c.WrongSites)
	}
	if last, err := e.ApplyBatch(ctx, "gw-a@ep1", receipts("wh1", 1, 2)); err != nil || last != 2 {
		t.Fatalf("gw-a for its own site: last %d err %v", last, err)
	}
	if _, err := e.ApplyBatch(ctx, "gw-c@ep1", receipts("wh1", 1, 1)); !errors.Is(err, stock.ErrUnknownGateway) {
		t.Fatalf("unlisted gateway: %v, want ErrUnknownGateway", err)
	}
}

// TestUnmappedSKUWarnsOnceButCountsEvery: a line scanning an SKU missing
// from the mapping logs one warning, not one per delta.
func TestUnmappedSKUWarnsOnceButCountsEvery(t *testing.T) {
	e, l := loggedEngine(t, stock.Config{})
	var b []stock.Sequenced
	for s := uint64(1); s <= 200; s++ {
		b = append(b, stock.Sequenced{Seq: s, Delta: stock.Delta{SKU: "NOT-MAPPED", Site: "wh1", Kind: stock.Receive, Qty: 1}})
	}
	if _, err := e.ApplyBatch(context.Background(), "gw-a@ep1", b); err != nil {
		t.Fatal(err)
	}
	if n := l.count("delta for an unmapped sku"); n != 1 {
		t.Fatalf("%d warnings for 200 deltas of one unmapped SKU, want 1", n)
	}
	if c := e.Counters(); c.UnknownSKUs != 200 {
		t.Fatalf("unknown skus counted %d, want 200", c.UnknownSKUs)
	}
}

// stockFile is a relay.yaml with only its stock section.
type stockFile struct {
	Stock stock.Config `mapstructure:"stock"`
}

func (f *stockFile) Validate() error { return f.Stock.Validate() }

func loadGateways(t *testing.T, yaml string, env ...string) (stock.Config, error) {
	t.Helper()
	var out stockFile
	err := config.Load(&out, env, config.Source{Name: "relay.yaml", Data: []byte(yaml)})
	return out.Stock, err
}

func TestGatewaysConfigIsAMapOfSites(t *testing.T) {
	cfg, err := loadGateways(t, "stock:\n  gateways: {gw-a: wh1, gw-b: wh2}\n")
	if err != nil || len(cfg.Gateways) != 2 || cfg.Gateways["gw-b"] != "wh2" {
		t.Fatalf("map form: %v %v", cfg.Gateways, err)
	}
	cfg, err = loadGateways(t, "stock:\n  safety_buffer: 1\n", "EDGED_STOCK_GATEWAYS=gw-a=wh1, gw-b=wh2")
	if err != nil || cfg.Gateways["gw-a"] != "wh1" || cfg.Gateways["gw-b"] != "wh2" {
		t.Fatalf("environment form: %v %v", cfg.Gateways, err)
	}
	if cfg, err = loadGateways(t, "stock:\n  gateways: {}\n"); err != nil || len(cfg.Gateways) != 0 {
		t.Fatalf("empty map: %v %v", cfg.Gateways, err)
	}
}

// TestGatewaysOldListFormIsRefused: the list of bare ids is refused at
// its line, not accepted unbound; in the environment the error says the
// map form to write.
func TestGatewaysOldListFormIsRefused(t *testing.T) {
	cfg, err := loadGateways(t, "stock:\n  gateways: [gw-a, gw-b]\n")
	if err == nil || !strings.Contains(err.Error(), "relay.yaml:2: stock.gateways") {
		t.Fatalf("old list form: %v (gateways %v)", err, cfg.Gateways)
	}
	_, err = loadGateways(t, "stock:\n  safety_buffer: 1\n", "EDGED_STOCK_GATEWAYS=gw-a,gw-b")
	if err == nil || !strings.Contains(err.Error(), "gateways: {gw-a: SITE") {
		t.Fatalf("old list form in the environment: %v", err)
	}
	_, err = loadGateways(t, "stock:\n  gateways: {gw-a: \"\"}\n")
	if err == nil || !strings.Contains(err.Error(), "gateways.gw-a: empty site") {
		t.Fatalf("empty site: %v", err)
	}
}
