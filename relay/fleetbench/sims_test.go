package fleetbench_test

import (
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

// Credentials of the simulated shops (the reference's test vectors).
const (
	shopifyToken, shopifySecret           = "shpat_bench", "hush"
	lazadaKey, lazadaSecret, lazadaToken  = "123456", "helloworld", "laz-token"
	tiktokKey, tiktokSecret, tiktokCipher = "123abc", "e59af819cc", "ROW_RHkDDABBAAB8tKAVoAqsMTjsQZFLyNfY"
)

// startMarketplaces serves the Shopify, Lazada and TikTok simulators on
// 127.0.0.1 with every SKU of the mapping listed, and returns the relay's
// channel configuration for them. Shopee is left out: its promotion-lock
// watcher reads every mapped item when a relay starts and records each
// reading (one commit per item and instance, paced by Shopee's rate
// limit), which would make each run's start-up take minutes.
func startMarketplaces(b *testing.B) server.Channels {
	shop := shopifysim.New(shopifysim.Config{AccessToken: shopifyToken, ClientSecret: shopifySecret})
	laz := lazadasim.New(lazadasim.Config{AppKey: lazadaKey, AppSecret: lazadaSecret, AccessToken: lazadaToken, SellerID: "1234567"})
	tt := tiktoksim.New(tiktoksim.Config{AppKey: tiktokKey, AppSecret: tiktokSecret, AccessToken: "tts-token",
		ShopCipher: tiktokCipher, ShopID: "7494726673780148744"})
	for i := range benchSKUs {
		shop.AddItem(fmt.Sprintf("gid://shopify/InventoryItem/%d", 1_000_000+i), "gid://shopify/Location/301", shopifyVariant(i), 0, false)
		laz.AddSKU(itoa(3_000_000+i), itoa(4_000_000+i), skuName(i), "", 0, 0)
		tt.AddSKU(itoa(7_000_000+i), itoa(8_000_000+i), []string{"9001"}, 0, 0)
	}
	serve := func(s interface{ Start() *httptest.Server }) string {
		srv := s.Start()
		b.Cleanup(srv.Close)
		return srv.URL
	}
	return server.Channels{
		Shopify: shopify.Config{BaseURL: serve(shop), AccessToken: shopifyToken, ClientSecret: shopifySecret},
		Lazada:  lazada.Config{BaseURL: serve(laz) + "/rest", AppKey: lazadaKey, AppSecret: lazadaSecret, AccessToken: lazadaToken},
		TikTok:  tiktok.Config{BaseURL: serve(tt), AppKey: tiktokKey, AppSecret: tiktokSecret, AccessToken: "tts-token", ShopCipher: tiktokCipher},
	}
}

func itoa(n int) string { return fmt.Sprint(n) }
