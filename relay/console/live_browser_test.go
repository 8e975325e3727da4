package console_test

import (
	"context"
	"net"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/edged/edged/config"
	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/stock"
)

// GHOST is mapped on Lazada but Lazada does not know it: its pushes fail.
const liveMapping = `channel,sku,site,item,variant,location,seller_sku
shopify,TEE,wh1,gid://shopify/InventoryItem/1001,2001,gid://shopify/Location/301,
lazada,TEE,wh1,3001,4001,,TEE
lazada,GHOST,wh1,3009,4009,,GHOST
`

// startRelay runs a whole relay (bbolt store in t.TempDir, Shopify and
// Lazada simulators, a real broker) with the console on, and returns it
// and its base URL.
func startRelay(t *testing.T) (*server.Server, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	shop := shopifysim.New(shopifysim.Config{AccessToken: "tok", ClientSecret: "sec"})
	shop.AddItem("gid://shopify/InventoryItem/1001", "gid://shopify/Location/301", "2001", 0, false)
	laz := lazadasim.New(lazadasim.Config{AppKey: "123456", AppSecret: "helloworld", AccessToken: "laz", SellerID: "1"})
	laz.AddSKU("3001", "4001", "TEE", "", 0, 0)
	shopSrv, lazSrv := httptest.NewServer(shop.Handler()), httptest.NewServer(laz.Handler())
	t.Cleanup(shopSrv.Close)
	t.Cleanup(lazSrv.Close)
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	m, err := stock.ParseMapping(strings.NewReader(liveMapping), "mapping.csv")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := server.Config{Store: t.TempDir() + "/relay.db", Mapping: "mapping.csv",
		Channels: server.Channels{
			Shopify: shopify.Config{BaseURL: shopSrv.URL, AccessToken: "tok", ClientSecret: "sec"},
			Lazada:  lazada.Config{BaseURL: lazSrv.URL + "/rest", AppKey: "123456", AppSecret: "helloworld", AccessToken: "laz"}},
		Console: server.ConsoleConfig{Users: []server.ConsoleUser{{Name: testUser, PasswordHash: config.Secret(testHash())}}}}
	s, err := server.New(ctx, cfg, server.Parts{Mapping: m, BrokerURL: broker.URL(), Listener: ln})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return s, "http://" + ln.Addr().String()
}

// A receipt at a gateway and a marketplace sale show on the open stock
// page without a reload; a listing whose pushes fail is flagged with the
// channel's error; the SKU page shows both in the audit trail.
func TestBrowserShowsStockLiveAndTheTrail(t *testing.T) {
	s, base := startRelay(t)
	ctx := tab(t)
	logIn(t, ctx, base, testUser, testPassword)
	waitFor(t, ctx, "the stock page after login", `document.getElementById("stock") !== null`)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`)); err != nil {
		t.Fatal(err)
	}
	eng := s.Engine()
	bg := context.Background()
	if err := eng.ApplyDelta(bg, "gw-1", 1, stock.Delta{SKU: "TEE", Site: "wh1", Kind: stock.Receive, Qty: 10}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the receipt on the stock page", cellText("TEE", `[data-f="onhand"]`)+` === "wh1: 10 "`)
	err := eng.AcceptOrder(bg, relay.OrderEvent{Channel: relay.Shopify, EventID: "wh-1", OrderID: "1001", Status: relay.OrderOpen,
		Lines: []relay.OrderLine{{Item: "gid://shopify/InventoryItem/1001", Variant: "2001", Qty: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the sale reserved on the stock page", cellText("TEE", `[data-f="reserved"]`)+` === "2"`)
	waitFor(t, ctx, "Lazada offered what is left", cellText("TEE", `[data-channel="lazada"] [data-f="offered"]`)+` === "8"`)
	if err := eng.ApplyDelta(bg, "gw-1", 2, stock.Delta{SKU: "GHOST", Site: "wh1", Kind: stock.Receive, Qty: 5}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "GHOST's failed push flagged", cellText("GHOST", `[data-f="flags"]`)+`.includes("lazada wh1: last push failed")`)
	waitFor(t, ctx, "GHOST not listed on Shopify", cellText("GHOST", `[data-f="flags"]`)+`.includes("shopify: not listed")`)
	waitFor(t, ctx, "no reload happened", `window.notReloaded === true`)

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#row-TEE th a`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the audit trail of TEE", `document.getElementById("trail") !== null`)
	waitFor(t, ctx, "the receipt and the order in the trail", `(() => {
		const kinds = [...document.querySelectorAll('#trail [data-f="kind"]')].map(td => td.textContent);
		return kinds.includes("receive") && kinds.includes("order");
	})()`)
	waitFor(t, ctx, "the on hand chart", `document.querySelectorAll("figure.chart polyline").length === 1`)
}

func TestBrowserRefusesAWrongPassword(t *testing.T) {
	_, base := startRelay(t)
	ctx := tab(t)
	logIn(t, ctx, base, testUser, "not the password")
	waitFor(t, ctx, "the login error", `(document.getElementById("login-error") || {}).textContent === "wrong user or password"`)
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.HasSuffix(loc, "/console/login") {
		t.Errorf("after a wrong password the browser is at %q (%v)", loc, err)
	}
	waitFor(t, ctx, "no stock page", `document.getElementById("stock") === null`)
}
