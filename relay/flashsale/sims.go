package flashsale

import (
	"log/slog"
	"net/http"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

// Credentials of the simulated shops (the reference's test vectors).
const (
	shopifyToken, shopifySecret           = "shpat_flash", "hush"
	lazadaKey, lazadaSecret, lazadaToken  = "123456", "helloworld", "laz-token"
	shopeePartner, shopeeKey, shopeeShop  = 2001887, "testpartnerkey", 14701711
	tiktokKey, tiktokSecret, tiktokCipher = "123abc", "e59af819cc", "ROW_RHkDDABBAAB8tKAVoAqsMTjsQZFLyNfY"
)

// startSims starts the four simulators, each sending its notifications to
// hookURL/<channel>, with SKU listed at zero.
func (r *Rig) startSims(hookURL string) {
	r.Shopify = shopifysim.New(shopifysim.Config{AccessToken: shopifyToken, ClientSecret: shopifySecret, WebhookURL: hookURL + "/shopify"})
	r.Shopify.AddItem("gid://shopify/InventoryItem/1001", "gid://shopify/Location/301", "2001", 0, false)
	r.Lazada = lazadasim.New(lazadasim.Config{AppKey: lazadaKey, AppSecret: lazadaSecret, AccessToken: lazadaToken, SellerID: "1234567", PushURL: hookURL + "/lazada"})
	r.Lazada.AddSKU("3001", "4001", SKU, "", 0, 0)
	r.Shopee = shopeesim.New(shopeesim.Config{PartnerID: shopeePartner, PartnerKey: shopeeKey, ShopID: shopeeShop,
		AccessToken: "shopee-access", RefreshToken: "shopee-refresh", PushURL: hookURL + "/shopee", RatePerSecond: 100})
	r.Shopee.AddModel(5001, 0, "", 0, 0)
	r.TikTok = tiktoksim.New(tiktoksim.Config{AppKey: tiktokKey, AppSecret: tiktokSecret, AccessToken: "tts-token",
		ShopCipher: tiktokCipher, ShopID: "7494726673780148744", WebhookURL: hookURL + "/tiktok"})
	r.TikTok.AddSKU("7001", "8001", []string{"9001"}, 0, 0)
	r.Shopify.Stock.OnChange = r.notify
	r.Lazada.Stock.OnChange = r.notify
	r.Shopee.Stock.OnChange = r.notify
	r.TikTok.Stock.OnChange = r.notify
}

type handlerFor func(relay.OrderSink) http.Handler

// clients builds one adapter per simulator.
func (r *Rig) clients(hookURL string, log *slog.Logger) (map[relay.Channel]relay.Pusher, map[relay.Channel]stock.OrderFetcher, map[relay.Channel]handlerFor, error) {
	sp, err := shopify.New(shopify.Config{BaseURL: r.serve(r.Shopify.Handler()).URL, AccessToken: shopifyToken, ClientSecret: shopifySecret}, nil, log)
	if err != nil {
		return nil, nil, nil, err
	}
	lz, err := lazada.New(lazada.Config{BaseURL: r.serve(r.Lazada.Handler()).URL + "/rest", AppKey: lazadaKey, AppSecret: lazadaSecret, AccessToken: lazadaToken}, nil, log)
	if err != nil {
		return nil, nil, nil, err
	}
	se, err := shopee.New(shopee.Config{BaseURL: r.serve(r.Shopee.Handler()).URL, PartnerID: shopeePartner, PartnerKey: shopeeKey, ShopID: shopeeShop,
		AccessToken: "shopee-access", RefreshToken: "shopee-refresh", CallbackURL: hookURL + "/shopee"}, nil, log)
	if err != nil {
		return nil, nil, nil, err
	}
	tt, err := tiktok.New(tiktok.Config{BaseURL: r.serve(r.TikTok.Handler()).URL, AppKey: tiktokKey, AppSecret: tiktokSecret, AccessToken: "tts-token", ShopCipher: tiktokCipher}, nil, log)
	if err != nil {
		return nil, nil, nil, err
	}
	pushers := map[relay.Channel]relay.Pusher{relay.Shopify: sp, relay.Lazada: lz, relay.Shopee: se, relay.TikTok: tt}
	fetchers := map[relay.Channel]stock.OrderFetcher{relay.Lazada: lz, relay.Shopee: se, relay.TikTok: tt}
	handlers := map[relay.Channel]handlerFor{relay.Shopify: sp.Handler, relay.Lazada: lz.Handler, relay.Shopee: se.Handler, relay.TikTok: tt.Handler}
	return pushers, fetchers, handlers, nil
}
