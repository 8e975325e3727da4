package shopee_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
	"github.com/edged/edged/relay/simkit"
)

func TestSignMatchesReferenceVectors(t *testing.T) {
	const base = "2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711"
	if got := shopee.SignBase("testpartnerkey", base); got != "487ac56a283df7d0f5c3b72da34e38cbafb38f404b84e1d909f3ba6a042f0149" {
		t.Errorf("shop info sign = %s", got)
	}
	got := shopee.Sign("testpartnerkey", 2001887, "/api/v2/product/update_stock", 1655714431, "59777174636562737266615546704c6d", 14701711)
	if got != "87b2a9b97d926afc3497e08b8ad902a81f9cf615f122ddac5c7dae5a541f6074" {
		t.Errorf("update_stock sign = %s", got)
	}
	body := `{"data":{"items":[],"ordersn":"220810QSK8S7BX","status":"PROCESSED","completed_scenario":"","update_time":1660123127},"shop_id":727720655,"code":3,"timestamp":1660123127}`
	if got := shopee.PushSignature("testpartnerkey", "http://www.example.com/example/uri", []byte(body)); got != "68ec9ae302b94743bf89a517295f92b187e7aa94a4254f33be029a9e4e5d92f1" {
		t.Errorf("push signature = %s", got)
	}
}

const (
	partner, shopID = 2001887, 14701711
	key             = "testpartnerkey"
)

func newRig(t *testing.T, cfg shopeesim.Config) (*shopeesim.Sim, *shopee.Client) {
	cfg.PartnerID, cfg.PartnerKey, cfg.ShopID, cfg.AccessToken, cfg.RefreshToken = partner, key, shopID, "acc", "ref"
	sim := shopeesim.New(cfg)
	srv := sim.Start()
	t.Cleanup(srv.Close)
	c, err := shopee.New(shopee.Config{BaseURL: srv.URL, PartnerID: partner, PartnerKey: key, ShopID: shopID,
		AccessToken: "acc", RefreshToken: "ref", CallbackURL: cfg.PushURL}, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return sim, c
}

func it(item, model, loc string, q int64) relay.Item {
	return relay.Item{Target: relay.Target{Channel: relay.Shopee, Item: item, Variant: model, Location: loc}, Qty: q}
}

func TestPushPerItemWithPartialFailure(t *testing.T) {
	sim, c := newRig(t, shopeesim.Config{})
	sim.AddModel(100, 1, "", 5, 0)
	sim.AddModel(100, 2, "", 5, 4)
	sim.AddModel(200, 0, "SGZ", 5, 0)
	res := c.Push(context.Background(), []relay.Item{it("100", "1", "", 7), it("100", "2", "", 3), it("200", "0", "SGZ", 9)})
	for _, r := range res {
		if perm := errors.Is(r.Err, relay.ErrPermanent); perm != (r.Item.Target.Variant == "2") {
			t.Errorf("model %s: %v", r.Item.Target.Variant, r.Err)
		}
	}
	for k, want := range map[string]int64{"100/1": 7, "100/2": 5, "200/0": 9} {
		if l, _ := sim.Stock.Get(k); l.Available != want {
			t.Errorf("%s = %d, want %d", k, l.Available, want)
		}
	}
	if res := c.Push(context.Background(), []relay.Item{it("200", "0", "", 1)}); !errors.Is(res[0].Err, relay.ErrPermanent) {
		t.Errorf("missing location_id accepted: %v", res[0].Err)
	}
}

// The client no longer refreshes by itself: an expired token is an
// ErrAuth, and the pair from Auth.Refresh handed to SetToken fixes it.
func TestExpiredTokenNeedsRefreshOutside(t *testing.T) {
	sim := shopeesim.New(shopeesim.Config{PartnerID: partner, PartnerKey: key, ShopID: shopID, AccessToken: "acc", RefreshToken: "ref"})
	srv := sim.Start()
	defer srv.Close()
	cfg := shopee.Config{BaseURL: srv.URL, PartnerID: partner, PartnerKey: key, ShopID: shopID, AccessToken: "acc"}
	c, err := shopee.New(cfg, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	sim.AddModel(100, 1, "", 5, 0)
	sim.ExpireTokens()
	res := c.Push(context.Background(), []relay.Item{it("100", "1", "", 2)})
	if !errors.Is(res[0].Err, relay.ErrAuth) || !errors.Is(res[0].Err, relay.ErrPermanent) {
		t.Fatalf("expired token: %v", res[0].Err)
	}
	for _, r := range sim.Recorder.Requests() {
		if strings.HasSuffix(r.Path, "/access_token/get") {
			t.Error("client refreshed by itself")
		}
	}
	auth, err := shopee.NewAuth(cfg, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := auth.Refresh(context.Background(), relay.Token{Refresh: "ref"})
	if err != nil {
		t.Fatal(err)
	}
	c.SetToken(tok)
	if res := c.Push(context.Background(), []relay.Item{it("100", "1", "", 2)}); res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	if l, _ := sim.Stock.Get("100/1"); l.Available != 2 {
		t.Errorf("stock %d after refresh", l.Available)
	}
}

func TestBusyPromotionAndServerErrors(t *testing.T) {
	sim, c := newRig(t, shopeesim.Config{RatePerSecond: 1})
	sim.AddModel(100, 1, "", 5, 0)
	ctx := context.Background()
	c.Push(ctx, []relay.Item{it("100", "1", "", 2)})
	if res := c.Push(ctx, []relay.Item{it("100", "1", "", 3)}); !errors.Is(res[0].Err, relay.ErrThrottled) {
		t.Errorf("busy: %v", res[0].Err)
	}
	sim2, c2 := newRig(t, shopeesim.Config{})
	sim2.AddModel(100, 1, "", 5, 0)
	sim2.PromotionLock(true)
	if res := c2.Push(ctx, []relay.Item{it("100", "1", "", 3)}); !errors.Is(res[0].Err, relay.ErrPermanent) {
		t.Errorf("promotion lock: %v", res[0].Err)
	}
	sim2.Faults.Inject("", 1, simkit.Fault{Status: 502})
	if res := c2.Push(ctx, []relay.Item{it("100", "1", "", 3)}); !relay.Retryable(res[0].Err) {
		t.Errorf("502: %v", res[0].Err)
	}
}

type sink struct{ evs []relay.OrderEvent }

func (s *sink) AcceptOrder(_ context.Context, ev relay.OrderEvent) error {
	s.evs = append(s.evs, ev)
	return nil
}

func TestPushIsVerifiedAgainstTheCallbackURL(t *testing.T) {
	s := &sink{}
	var h http.Handler
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	defer hook.Close()
	sim, c := newRig(t, shopeesim.Config{PushURL: hook.URL + "/shopee/push"})
	h = c.Handler(s)
	sim.AddModel(100, 1, "", 5, 0)
	ctx := context.Background()
	sn, ok := sim.Sell(ctx, 100, 1, 2)
	if d, f := sim.Emitter.Stats(); !ok || d != 1 || f != 0 || len(s.evs) != 1 {
		t.Fatalf("delivered %d failed %d events %+v", d, f, s.evs)
	}
	ev, err := c.FetchOrder(ctx, sn)
	if err != nil || ev.Status != relay.OrderOpen || len(ev.Lines) != 1 || ev.Lines[0].Qty != 2 || ev.Lines[0].Variant != "1" {
		t.Errorf("fetched %+v %v", ev, err)
	}
	resp, err := http.Post(hook.URL+"/shopee/push", "application/json", strings.NewReader(`{"code":3}`))
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("forged push: %v %v", resp, err)
	}
}

func FuzzParsePush(f *testing.F) {
	f.Add([]byte(`{"data":{"items":[],"ordersn":"220810QSK8S7BX","status":"PROCESSED","update_time":1660123127},"shop_id":727720655,"code":3,"timestamp":1660123127}`))
	f.Add([]byte(`{"code":8,"data":{}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, ok, err := shopee.ParsePush(body)
		if err == nil && ok && (ev.EventID == "" || ev.OrderID == "") {
			t.Fatalf("accepted incomplete event %+v", ev)
		}
	})
}

// failingSink refuses everything, as a relay that is down.
type failingSink struct{}

func (failingSink) AcceptOrder(context.Context, relay.OrderEvent) error { return errors.New("down") }

func TestLostPushesAreRecovered(t *testing.T) {
	var h http.Handler = failingHandler{}
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	defer hook.Close()
	sim, c := newRig(t, shopeesim.Config{PushURL: hook.URL + "/push"})
	sim.AddModel(100, 1, "", 500, 0)
	ctx := context.Background()
	for range 105 {
		sim.Sell(ctx, 100, 1, 1)
	}
	if sim.Lost() != 105 {
		t.Fatalf("%d lost pushes, want 105", sim.Lost())
	}
	s := &sink{}
	n, err := c.RecoverLostPushes(ctx, s)
	if err != nil || n != 105 || len(s.evs) != 105 || sim.Lost() != 0 {
		t.Errorf("recovered %d (%d events), %d still lost, err %v", n, len(s.evs), sim.Lost(), err)
	}
	if n, err := c.RecoverLostPushes(ctx, failingSink{}); n != 0 || err != nil {
		t.Errorf("nothing left to recover: %d %v", n, err)
	}
}

// failingHandler answers 503, so every push is lost.
type failingHandler struct{}

func (failingHandler) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	w.WriteHeader(http.StatusServiceUnavailable)
}
