package fleettest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/shopee/shopeesim"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/simkit"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

// The two SKUs: Flash is the one on sale; Steady is only received and
// adjusted by the gateways, so that its quantity moves all the time and
// every channel's owner has something to push.
const (
	Flash  = "FLASH-1"
	Steady = "STEADY-1"
	Site   = "wh1"
)

// mappingCSV lists both SKUs on the four channels with the simulators' ids.
const mappingCSV = `channel,sku,site,item,variant,location,seller_sku
shopify,FLASH-1,wh1,gid://shopify/InventoryItem/1001,2001,gid://shopify/Location/301,
shopify,STEADY-1,wh1,gid://shopify/InventoryItem/1002,2002,gid://shopify/Location/301,
lazada,FLASH-1,wh1,3001,4001,,FLASH-1
lazada,STEADY-1,wh1,3002,4002,,STEADY-1
shopee,FLASH-1,wh1,5001,0,,
shopee,STEADY-1,wh1,5002,0,,
tiktok,FLASH-1,wh1,7001,8001,9001,
tiktok,STEADY-1,wh1,7002,8002,9001,
`

// Credentials of the simulated shops.
const (
	shopifyToken, shopifySecret           = "shpat_fleet", "hush"
	lazadaKey, lazadaSecret, lazadaToken  = "123456", "helloworld", "laz-token"
	shopeePartner, shopeeKey, shopeeShop  = 2001887, "testpartnerkey", 14701711
	tiktokKey, tiktokSecret, tiktokCipher = "123abc", "e59af819cc", "ROW_RHkDDABBAAB8tKAVoAqsMTjsQZFLyNfY"
)

// market is the four simulated marketplaces. Their notifications go to
// the webhook front; each relay instance calls their APIs through its own
// servers, so that every push is known by who made it.
type market struct {
	shopify *shopifysim.Sim
	lazada  *lazadasim.Sim
	shopee  *shopeesim.Sim
	tiktok  *tiktoksim.Sim
	pushes  pushLog
	// redeliver resends notifications the relays refused, as platforms do.
	redeliver *redeliverer
}

// newMarket starts the simulators with both SKUs listed at zero; their
// notifications go to hooks/<channel>.
func newMarket(hooks string) *market {
	m := &market{redeliver: newRedeliverer()}
	m.shopify = shopifysim.New(shopifysim.Config{AccessToken: shopifyToken, ClientSecret: shopifySecret, WebhookURL: hooks + "/shopify"})
	m.shopify.AddItem("gid://shopify/InventoryItem/1001", "gid://shopify/Location/301", "2001", 0, false)
	m.shopify.AddItem("gid://shopify/InventoryItem/1002", "gid://shopify/Location/301", "2002", 0, false)
	m.lazada = lazadasim.New(lazadasim.Config{AppKey: lazadaKey, AppSecret: lazadaSecret, AccessToken: lazadaToken, SellerID: "1234567", PushURL: hooks + "/lazada"})
	m.lazada.AddSKU("3001", "4001", Flash, "", 0, 0)
	m.lazada.AddSKU("3002", "4002", Steady, "", 0, 0)
	m.shopee = shopeesim.New(shopeesim.Config{PartnerID: shopeePartner, PartnerKey: shopeeKey, ShopID: shopeeShop,
		AccessToken: "shopee-access", RefreshToken: "shopee-refresh", PushURL: hooks + "/shopee", RatePerSecond: 100})
	m.shopee.AddModel(5001, 0, "", 0, 0)
	m.shopee.AddModel(5002, 0, "", 0, 0)
	m.tiktok = tiktoksim.New(tiktoksim.Config{AppKey: tiktokKey, AppSecret: tiktokSecret, AccessToken: "tts-token",
		ShopCipher: tiktokCipher, ShopID: "7494726673780148744", WebhookURL: hooks + "/tiktok"})
	m.tiktok.AddSKU("7001", "8001", []string{"9001"}, 0, 0)
	m.tiktok.AddSKU("7002", "8002", []string{"9001"}, 0, 0)
	for _, e := range []*simkit.Emitter{&m.shopify.Emitter, &m.lazada.Emitter, &m.shopee.Emitter, &m.tiktok.Emitter} {
		e.Client = &http.Client{Transport: m.redeliver}
	}
	return m
}

// handler is ch's API.
func (m *market) handler(ch relay.Channel) http.Handler {
	switch ch {
	case relay.Shopify:
		return m.shopify.Handler()
	case relay.Lazada:
		return m.lazada.Handler()
	case relay.Shopee:
		return m.shopee.Handler()
	}
	return m.tiktok.Handler()
}

// serveFor starts instance's own servers of the four APIs and returns
// their base URLs; pushes through them are logged under instance.
func (m *market) serveFor(tb testing.TB, instance string) map[relay.Channel]string {
	urls := map[relay.Channel]string{}
	for _, ch := range relay.Channels() {
		srv := httptest.NewServer(m.pushes.recording(instance, ch, m.handler(ch)))
		tb.Cleanup(srv.Close)
		urls[ch] = srv.URL
	}
	return urls
}

// sell makes one buyer order one unit of Flash on ch; false if ch shows
// none. It returns the order id the relay knows the order by.
func (m *market) sell(ctx context.Context, ch relay.Channel) (string, bool) {
	switch ch {
	case relay.Shopify:
		return m.shopify.Sell(ctx, "2001", 1)
	case relay.Lazada:
		return m.lazada.Sell(ctx, "4001", 1)
	case relay.Shopee:
		return m.shopee.Sell(ctx, 5001, 0, 1)
	}
	return m.tiktok.Sell(ctx, "7001", "8001", "9001", 1)
}

// stock returns ch's listings and sku's key in them.
func (m *market) stock(ch relay.Channel, sku string) (*simkit.Stock, string) {
	flash := sku == Flash
	pick := func(a, b string) string {
		if flash {
			return a
		}
		return b
	}
	switch ch {
	case relay.Shopify:
		return &m.shopify.Stock, pick("gid://shopify/InventoryItem/1001", "gid://shopify/InventoryItem/1002") + "|gid://shopify/Location/301"
	case relay.Lazada:
		return &m.lazada.Stock, pick("4001", "4002")
	case relay.Shopee:
		return &m.shopee.Stock, pick("5001/0", "5002/0")
	}
	return &m.tiktok.Stock, pick("8001/9001", "8002/9001")
}

// shown is what buyers on ch can buy of sku now.
func (m *market) shown(ch relay.Channel, sku string) int64 {
	s, k := m.stock(ch, sku)
	l, _ := s.Get(k)
	return l.Available
}

// sold counts the units of Flash buyers took on ch: every change of the
// listing not made through the API is a sale of one unit.
func (m *market) sold(ch relay.Channel) int64 {
	s, k := m.stock(ch, Flash)
	n := int64(0)
	for _, c := range s.History() {
		if c.Key == k && !c.ByAPI {
			n++
		}
	}
	return n
}
