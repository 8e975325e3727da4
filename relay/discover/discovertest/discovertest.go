// Package discovertest starts the four channel simulators on 127.0.0.1
// with many listings, for the discovery tests and benchmark.
package discovertest

import (
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

// Credentials of the simulated shops (the reference's test vectors).
const (
	ShopifyToken                          = "shpat_discover"
	LazadaKey, LazadaSecret, LazadaToken  = "123456", "helloworld", "laz-token"
	ShopeePartner, ShopeeKey, ShopeeShop  = 2001887, "testpartnerkey", 14701711
	ShopeeToken                           = "shopee-access"
	TikTokKey, TikTokSecret, TikTokCipher = "123abc", "e59af819cc", "ROW_RHkDDABBAAB8tKAVoAqsMTjsQZFLyNfY"
	TikTokToken                           = "tts-token"
)

// Location is the Shopify shop's only location; Warehouse TikTok's.
const (
	Location  = "gid://shopify/Location/301"
	Warehouse = "9001"
)

// Rig is the four simulators and the adapter configurations that reach
// them. Every simulator closes with the test.
type Rig struct {
	Shopify *shopifysim.Sim
	Lazada  *lazadasim.Sim
	Shopee  *shopeesim.Sim
	TikTok  *tiktoksim.Sim

	ShopifyConfig shopify.Config
	LazadaConfig  lazada.Config
	ShopeeConfig  shopee.Config
	TikTokConfig  tiktok.Config
}

// SKU is the i-th catalog SKU the rig lists.
func SKU(i int) string { return fmt.Sprintf("SKU-%05d", i) }

// Catalog is SKU(0) … SKU(n-1).
func Catalog(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = SKU(i)
	}
	return out
}

// Start starts the simulators, each listing SKU(0) … SKU(n-1): several
// variants per product, as shops do.
func Start(tb testing.TB, n int) *Rig {
	r := &Rig{
		Shopify: shopifysim.New(shopifysim.Config{AccessToken: ShopifyToken}),
		Lazada:  lazadasim.New(lazadasim.Config{AppKey: LazadaKey, AppSecret: LazadaSecret, AccessToken: LazadaToken, SellerID: "1234567"}),
		Shopee: shopeesim.New(shopeesim.Config{PartnerID: ShopeePartner, PartnerKey: ShopeeKey, ShopID: ShopeeShop,
			AccessToken: ShopeeToken, RefreshToken: "shopee-refresh"}),
		TikTok: tiktoksim.New(tiktoksim.Config{AppKey: TikTokKey, AppSecret: TikTokSecret, AccessToken: TikTokToken,
			ShopCipher: TikTokCipher, ShopID: "7494726673780148744"}),
	}
	r.seed(n)
	serve := func(s interface{ Start() *httptest.Server }) string {
		srv := s.Start()
		tb.Cleanup(srv.Close)
		return srv.URL
	}
	r.ShopifyConfig = shopify.Config{BaseURL: serve(r.Shopify), AccessToken: ShopifyToken}
	r.LazadaConfig = lazada.Config{BaseURL: serve(r.Lazada) + "/rest", AppKey: LazadaKey, AppSecret: LazadaSecret, AccessToken: LazadaToken}
	r.ShopeeConfig = shopee.Config{BaseURL: serve(r.Shopee), PartnerID: ShopeePartner, PartnerKey: ShopeeKey, ShopID: ShopeeShop,
		AccessToken: ShopeeToken}
	r.TikTokConfig = tiktok.Config{BaseURL: serve(r.TikTok), AppKey: TikTokKey, AppSecret: TikTokSecret, AccessToken: TikTokToken,
		ShopCipher: TikTokCipher}
	return r
}

func (r *Rig) seed(n int) {
	vs := make([]shopifysim.Variant, n)
	ls := make([]lazadasim.Listing, n)
	ms := make([]shopeesim.Listing, n)
	ts := make([]tiktoksim.Listing, n)
	for i := range n {
		sku, title := SKU(i), fmt.Sprintf("Product %d", i/5)
		vs[i] = shopifysim.Variant{Product: fmt.Sprint(100000 + i/5), Variant: fmt.Sprint(200000 + i),
			Item: fmt.Sprintf("gid://shopify/InventoryItem/%d", 300000+i), SKU: sku, Title: title, Locations: []string{Location}, Available: 5}
		ls[i] = lazadasim.Listing{ItemID: fmt.Sprint(400000 + i/4), SkuID: fmt.Sprint(500000 + i), SellerSku: sku, Qty: 5}
		ms[i] = shopeesim.Listing{ItemID: int64(600000 + i/5), ModelID: int64(700000 + i), SKU: sku, Name: title, Stock: 5}
		ts[i] = tiktoksim.Listing{Product: fmt.Sprint(800000 + i/5), SKU: fmt.Sprint(900000 + i), SellerSKU: sku, Title: title,
			Warehouses: []string{Warehouse}, Qty: 5}
	}
	r.Shopify.AddVariants(vs...)
	r.Lazada.AddListings(ls...)
	r.Shopee.AddListings(ms...)
	r.TikTok.AddListings(ts...)
}
