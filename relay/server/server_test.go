package server_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/mqtt"
)

const mapping = `channel,sku,site,item,variant,location,seller_sku
shopify,TEE,wh1,gid://shopify/InventoryItem/1001,2001,gid://shopify/Location/301,
lazada,TEE,wh1,3001,4001,,TEE
`

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("never happened: %s", what)
		}
	}
}

// The relay as `relay run` assembles it: a gateway's receipts arrive over
// MQTT, both marketplaces are set to the stock less the safety buffer, a
// Shopify sale reserves a unit and Lazada goes down by one.
func TestRelayFromGatewayToMarketplaces(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hookLn, _ := net.Listen("tcp", "127.0.0.1:0")
	hookURL := "http://" + hookLn.Addr().String() + "/webhooks"
	shop := shopifysim.New(shopifysim.Config{AccessToken: "tok", ClientSecret: "sec", WebhookURL: hookURL + "/shopify"})
	shop.AddItem("gid://shopify/InventoryItem/1001", "gid://shopify/Location/301", "2001", 0, false)
	laz := lazadasim.New(lazadasim.Config{AppKey: "123456", AppSecret: "helloworld", AccessToken: "laz", SellerID: "1", PushURL: hookURL + "/lazada"})
	laz.AddSKU("3001", "4001", "TEE", "", 0, 0)
	shopSrv, lazSrv := httptest.NewServer(shop.Handler()), httptest.NewServer(laz.Handler())
	defer shopSrv.Close()
	defer lazSrv.Close()
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	m, err := stock.ParseMapping(strings.NewReader(mapping), "mapping.csv")
	if err != nil {
		t.Fatal(err)
	}
	cfg := server.Config{Store: newStore(t), Mapping: "mapping.csv", Stock: stock.Config{SafetyBuffer: 2},
		Channels: server.Channels{
			Shopify: shopify.Config{BaseURL: shopSrv.URL, AccessToken: "tok", ClientSecret: "sec"},
			Lazada:  lazada.Config{BaseURL: lazSrv.URL + "/rest", AppKey: "123456", AppSecret: "helloworld", AccessToken: "laz"}}}
	s, err := server.New(ctx, cfg, server.Parts{Mapping: m, BrokerURL: broker.URL(), Listener: hookLn})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()

	l := ledgertest.Open(t, nil)
	for i := range 10 {
		e := ledger.Event{ID: fmt.Sprint("r", i), Type: ledger.Receive, SKU: "TEE", Location: "A", Qty: 1, UnitCost: ledger.Cost(100)}
		if _, err := l.Append(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	runGateway(t, ctx, broker.URL(), l)
	eventually(t, "both channels at 10 - 2", func() bool {
		a, _ := shop.Stock.Get("gid://shopify/InventoryItem/1001|gid://shopify/Location/301")
		b, _ := laz.Stock.Get("4001")
		return a.Available == 8 && b.Available == 8
	})
	id, ok := shop.Sell(ctx, "2001", 1)
	if !ok {
		t.Fatal("the Shopify sale failed")
	}
	eventually(t, "Lazada lowered after the Shopify sale", func() bool {
		b, _ := laz.Stock.Get("4001")
		return b.Available == 7
	})
	// The merchant edits the order: 3 units, then 2.
	for _, e := range []struct{ qty, lazada int64 }{{3, 5}, {2, 6}} {
		if !shop.Edit(ctx, id, "2001", e.qty) {
			t.Fatalf("editing the order to %d failed", e.qty)
		}
		eventually(t, fmt.Sprintf("Lazada at %d after the order was edited to %d", e.lazada, e.qty), func() bool {
			b, _ := laz.Stock.Get("4001")
			return b.Available == e.lazada
		})
	}
	resp, err := http.Get("http://" + hookLn.Addr().String() + "/?format=json")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("status page: %v %v", err, resp)
	}
	resp.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func runGateway(t *testing.T, ctx context.Context, url string, l *ledger.Ledger) {
	runGatewayWith(t, ctx, url, l, uplink.Config{})
}

// runGatewayWith runs gw-1 of wh1 with cfg's other settings.
func runGatewayWith(t *testing.T, ctx context.Context, url string, l *ledger.Ledger, cfg uplink.Config) {
	d, err := mqtt.NewDialer(mqtt.Config{Broker: url, ClientID: "gw-1"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Site, cfg.Gateway, cfg.PollInterval = "wh1", "gw-1", 50*time.Millisecond
	u, err := uplink.New(cfg, uplink.Deps{Outbox: l, Dialer: d})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = u.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
}
