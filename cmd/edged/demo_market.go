package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"strconv"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

// The demo shops' credentials (the reference's signature test vectors).
const (
	demoShopifyToken, demoShopifySecret = "shpat_demo", "hush"
	demoLazKey, demoLazSecret           = "123456", "helloworld"
	demoShopeePartner, demoShopeeKey    = 2001887, "testpartnerkey"
	demoShopeeShop                      = 14701711
	demoTTKey, demoTTSecret             = "123abc", "e59af819cc"
	demoTTCipher                        = "ROW_RHkDDABBAAB8tKAVoAqsMTjsQZFLyNfY"
)

// demoMarket is the four marketplaces, simulated on 127.0.0.1, each
// listing every demo SKU (ids 1001+i, 2001+i, ... as in demoMapping).
type demoMarket struct {
	shopify *shopifysim.Sim
	lazada  *lazadasim.Sim
	shopee  *shopeesim.Sim
	tiktok  *tiktoksim.Sim
	servers []*httptest.Server
	rng     *rand.Rand
}

func startDemoMarket(hookURL string) *demoMarket {
	m := &demoMarket{rng: rand.New(rand.NewPCG(11, 17))}
	m.shopify = shopifysim.New(shopifysim.Config{AccessToken: demoShopifyToken, ClientSecret: demoShopifySecret, WebhookURL: hookURL + "/shopify"})
	m.lazada = lazadasim.New(lazadasim.Config{AppKey: demoLazKey, AppSecret: demoLazSecret, AccessToken: "laz-token", SellerID: "1234567", PushURL: hookURL + "/lazada"})
	m.shopee = shopeesim.New(shopeesim.Config{PartnerID: demoShopeePartner, PartnerKey: demoShopeeKey, ShopID: demoShopeeShop,
		AccessToken: "shopee-access", RefreshToken: "shopee-refresh", PushURL: hookURL + "/shopee", RatePerSecond: 100})
	m.tiktok = tiktoksim.New(tiktoksim.Config{AppKey: demoTTKey, AppSecret: demoTTSecret, AccessToken: "tts-token",
		ShopCipher: demoTTCipher, ShopID: "7494726673780148744", WebhookURL: hookURL + "/tiktok"})
	for i, it := range demoItems {
		n := 1001 + i
		m.shopify.AddItem(fmt.Sprintf("gid://shopify/InventoryItem/%d", n), "gid://shopify/Location/1", strconv.Itoa(n+1000), 0, false)
		m.lazada.AddSKU(strconv.Itoa(n), strconv.Itoa(n+1000), it.sku, "", 0, 0)
		m.shopee.AddModel(int64(n), int64(n+1000), "", 0, 0)
		m.tiktok.AddSKU(strconv.Itoa(n), strconv.Itoa(n+1000), []string{"1"}, 0, 0)
	}
	m.servers = []*httptest.Server{httptest.NewServer(m.shopify.Handler()), httptest.NewServer(m.lazada.Handler()),
		httptest.NewServer(m.shopee.Handler()), httptest.NewServer(m.tiktok.Handler())}
	return m
}

// channels configures the relay's adapters for the simulators.
func (m *demoMarket) channels() server.Channels {
	return server.Channels{
		Shopify: shopify.Config{BaseURL: m.servers[0].URL, AccessToken: demoShopifyToken, ClientSecret: demoShopifySecret},
		Lazada:  lazada.Config{BaseURL: m.servers[1].URL + "/rest", AppKey: demoLazKey, AppSecret: demoLazSecret, AccessToken: "laz-token"},
		Shopee: shopee.Config{BaseURL: m.servers[2].URL, PartnerID: demoShopeePartner, PartnerKey: demoShopeeKey, ShopID: demoShopeeShop,
			AccessToken: "shopee-access", RefreshToken: "shopee-refresh"},
		TikTok: tiktok.Config{BaseURL: m.servers[3].URL, AppKey: demoTTKey, AppSecret: demoTTSecret, AccessToken: "tts-token", ShopCipher: demoTTCipher},
	}
}

// shown is what buyers on a channel can buy of demo item i now.
func (m *demoMarket) shown(ch relay.Channel, i int) int64 {
	n := 1001 + i
	switch ch {
	case relay.Shopify:
		v, _ := m.shopify.Stock.Get(fmt.Sprintf("gid://shopify/InventoryItem/%d|gid://shopify/Location/1", n))
		return v.Available
	case relay.Lazada:
		v, _ := m.lazada.Stock.Get(strconv.Itoa(n + 1000))
		return v.Available
	case relay.Shopee:
		v, _ := m.shopee.Stock.Get(fmt.Sprintf("%d/%d", n, n+1000))
		return v.Available
	}
	v, _ := m.tiktok.Stock.Get(fmt.Sprintf("%d/1", n+1000))
	return v.Available
}

// sell has a shopper buy one unit of a random item on a random channel,
// when that channel shows any; it returns what was bought, if anything.
func (m *demoMarket) sell(ctx context.Context) (relay.Channel, int, bool) {
	chs := relay.Channels()
	ch, i := chs[m.rng.IntN(len(chs))], m.rng.IntN(len(demoItems))
	if m.shown(ch, i) <= 0 {
		return ch, i, false
	}
	n := int64(1001 + i)
	var ok bool
	switch ch {
	case relay.Shopify:
		_, ok = m.shopify.Sell(ctx, strconv.FormatInt(n+1000, 10), 1)
	case relay.Lazada:
		_, ok = m.lazada.Sell(ctx, strconv.FormatInt(n+1000, 10), 1)
	case relay.Shopee:
		_, ok = m.shopee.Sell(ctx, n, n+1000, 1)
	default:
		_, ok = m.tiktok.Sell(ctx, strconv.FormatInt(n, 10), strconv.FormatInt(n+1000, 10), "1", 1)
	}
	return ch, i, ok
}

func (m *demoMarket) close() {
	for _, s := range m.servers {
		s.Close()
	}
}
