package server_test

import (
	"context"
	"fmt"
	"net"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
	"github.com/edged/edged/relay/stock"
)

// A Shopee flash sale reserves 3 units: Shopee pushes a reserved-stock
// change, the relay reads the lock and Lazada stops selling those units
// until the sale ends.
func TestShopeeFlashSaleLockHoldsUnitsBackFromLazada(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hookLn, _ := net.Listen("tcp", "127.0.0.1:0")
	hookURL := "http://" + hookLn.Addr().String() + "/webhooks"
	sp := shopeesim.New(shopeesim.Config{PartnerID: 2001887, PartnerKey: "pk", ShopID: 14701711, AccessToken: "acc",
		RefreshToken: "ref", PushURL: hookURL + "/shopee"})
	sp.AddModel(5001, 0, "", 0, 0)
	laz := lazadasim.New(lazadasim.Config{AppKey: "123456", AppSecret: "helloworld", AccessToken: "laz", SellerID: "1"})
	laz.AddSKU("3001", "4001", "TEE", "", 0, 0)
	spSrv, lazSrv := httptest.NewServer(sp.Handler()), httptest.NewServer(laz.Handler())
	defer spSrv.Close()
	defer lazSrv.Close()
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	m, err := stock.ParseMapping(strings.NewReader("channel,sku,site,item,variant,location,seller_sku\n"+
		"shopee,TEE,wh1,5001,0,,\nlazada,TEE,wh1,3001,4001,,TEE\n"), "mapping.csv")
	if err != nil {
		t.Fatal(err)
	}
	cfg := server.Config{Store: newStore(t), Mapping: "mapping.csv", Stock: stock.Config{SafetyBuffer: 2},
		Channels: server.Channels{
			Shopee: shopee.Config{BaseURL: spSrv.URL, PartnerID: 2001887, PartnerKey: "pk", ShopID: 14701711,
				AccessToken: "acc", RefreshToken: "ref", CallbackURL: hookURL + "/shopee"},
			Lazada: lazada.Config{BaseURL: lazSrv.URL + "/rest", AppKey: "123456", AppSecret: "helloworld", AccessToken: "laz"}}}
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
	shows := func(shopee, lazada int64) func() bool {
		return func() bool {
			a, _ := sp.Stock.Get("5001/0")
			b, _ := laz.Stock.Get("4001")
			return a.Available == shopee && b.Available == lazada
		}
	}
	eventually(t, "both channels at 10 - 2", shows(8, 8))
	sp.Reserve(ctx, 5001, 0, 3)
	eventually(t, "Lazada at 10 - 2 - 3 during the flash sale, Shopee still 8", shows(8, 5))
	sp.Reserve(ctx, 5001, 0, 0)
	eventually(t, "Lazada back at 8 after the sale", shows(8, 8))
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
