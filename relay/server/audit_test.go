package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

// seedOldRow puts a row in the store before the relay starts: older than the
// default retention.
func seedOldRow(t *testing.T, store string) {
	t.Helper()
	var s stock.Store
	var err error
	if pgstore.IsDSN(store) {
		s, err = pgstore.Open(context.Background(), store)
	} else {
		s, err = stock.OpenBolt(store)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, _ := json.Marshal(audit.Row{Source: audit.FromRelay, Kind: audit.KindPush, SKU: "TEE", Result: "ok",
		Recorded: time.Now().Add(-server.DefaultAuditRetention - time.Hour)})
	_, err = s.Update(context.Background(), 0, func([]stock.Change) ([]stock.Mutation, error) {
		return []stock.Mutation{{Table: stock.TableAudit, Value: v}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The running relay's trail has the gateway's receipts, the pushes that
// worked and those that failed, and the marketplace's order; a row past
// the retention is gone.
func TestRelayAuditTrail(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hookLn, _ := net.Listen("tcp", "127.0.0.1:0")
	shop := shopifysim.New(shopifysim.Config{AccessToken: "tok", ClientSecret: "sec", WebhookURL: "http://" + hookLn.Addr().String() + "/webhooks/shopify"})
	shop.AddItem("gid://shopify/InventoryItem/1001", "gid://shopify/Location/301", "2001", 0, false)
	shopSrv := httptest.NewServer(shop.Handler())
	defer shopSrv.Close()
	down := httptest.NewServer(nil)
	down.Close() // Lazada refuses every connection
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	m, err := stock.ParseMapping(strings.NewReader(mapping), "mapping.csv")
	if err != nil {
		t.Fatal(err)
	}
	cfg := server.Config{Store: newStore(t), Mapping: "mapping.csv", Channels: server.Channels{
		Shopify: shopify.Config{BaseURL: shopSrv.URL, AccessToken: "tok", ClientSecret: "sec"},
		Lazada:  lazada.Config{BaseURL: down.URL + "/rest", AppKey: "123456", AppSecret: "helloworld", AccessToken: "laz-secret-token"}}}
	seedOldRow(t, cfg.Store)
	s, err := server.New(ctx, cfg, server.Parts{Mapping: m, BrokerURL: broker.URL(), Listener: hookLn})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	l := ledgertest.Open(t, nil)
	for i := range 3 {
		e := ledger.Event{ID: fmt.Sprint("r", i), Type: ledger.Receive, SKU: "TEE", Location: "A", Qty: 1, User: "ana", UnitCost: ledger.Cost(100)}
		if _, err := l.Append(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	runGateway(t, ctx, broker.URL(), l)
	eventually(t, "Shopify shows the receipts", func() bool {
		a, _ := shop.Stock.Get("gid://shopify/InventoryItem/1001|gid://shopify/Location/301")
		return a.Available == 3
	})
	if _, ok := shop.Sell(ctx, "2001", 1); !ok {
		t.Fatal("the Shopify sale failed")
	}
	var rows []audit.Row
	eventually(t, "the trail has receipts, pushes, failures and the order, and not the old row", func() bool {
		rows, err = s.Audit().Audit(ctx, audit.Query{SKU: "TEE", Limit: audit.MaxLimit})
		old, _ := s.Audit().Audit(ctx, audit.Query{SKU: "TEE", To: time.Now().Add(-time.Hour)})
		return err == nil && hasRows(rows) && len(old) == 0
	})
	for _, r := range rows {
		if strings.Contains(r.Result, "laz-secret-token") {
			t.Errorf("a row shows the token: %+v", r)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func hasRows(rows []audit.Row) bool {
	var receipts, ok, failed, orders int
	for _, r := range rows {
		switch {
		case r.Kind == "receive" && r.Worker == "ana":
			receipts++
		case r.Kind == audit.KindPush && r.Channel == "shopify" && r.Result == "ok":
			ok++
		case r.Kind == audit.KindPush && r.Channel == "lazada" && r.Result != "ok":
			failed++
		case r.Kind == audit.KindOrder && r.Channel == "shopify":
			orders++
		}
	}
	return receipts == 3 && ok > 0 && failed > 0 && orders == 1
}
