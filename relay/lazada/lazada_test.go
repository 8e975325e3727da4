package lazada_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/simkit"
)

func TestSignMatchesReferenceVector(t *testing.T) {
	p := map[string]string{"app_key": "123456", "access_token": "test", "timestamp": "1517820392000", "sign_method": "sha256",
		"payload": "<Request><Product><Skus><Sku><ItemId>234234234</ItemId><SkuId>234</SkuId><SellableQuantity>20</SellableQuantity></Sku></Skus></Product></Request>"}
	const want = "0D7B6906784B9492ACFB5A3582775CDB854DF8C977038E452E05A5C233A86368"
	if got := lazada.Sign("helloworld", "/product/stock/sellable/update", p); got != want {
		t.Errorf("sign = %s, want %s", got, want)
	}
}

func TestPushSignatureMatchesReferenceVector(t *testing.T) {
	body := `{"seller_id":"1234567","message_type":0,"data":{"order_status":"unpaid","trade_order_id":"260422900198363","trade_order_line_id":"260422900298363","status_update_time":1603698638},"timestamp":1603766859530,"site":"lazada_vn"}`
	const want = "59e04e1b1f307b7180fd58126161907cd20d33ac17cbce90ec2ae19907e701e6"
	if got := lazada.PushSignature("3412gyo124goi3124", "123456", []byte(body)); got != want {
		t.Errorf("push signature = %s, want %s", got, want)
	}
	if !lazada.VerifyPush("3412gyo124goi3124", "123456", []byte(body), strings.ToUpper(want)) {
		t.Error("upper-case header refused")
	}
}

type rig struct {
	sim *lazadasim.Sim
	srv *httptest.Server
	c   *lazada.Client
}

func newRig(t *testing.T, cfg lazadasim.Config, batch int) *rig {
	cfg.AppKey, cfg.AppSecret, cfg.SellerID = "123456", "helloworld", "1234567"
	if cfg.AccessToken == "" {
		cfg.AccessToken = "tok"
	}
	sim := lazadasim.New(cfg)
	srv := sim.Start()
	t.Cleanup(srv.Close)
	c, err := lazada.New(lazada.Config{BaseURL: srv.URL + "/rest", AppKey: "123456", AppSecret: "helloworld",
		AccessToken: "tok", BatchSize: batch, RatePerSecond: 50}, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return &rig{sim: sim, srv: srv, c: c}
}

func item(sku int, qty int64, wh string) relay.Item {
	return relay.Item{Target: relay.Target{Channel: relay.Lazada, Item: "900", Variant: fmt.Sprint(sku), SellerSKU: fmt.Sprint("S", sku), Location: wh}, Qty: qty}
}

func TestPushBatchesAndSetsSellable(t *testing.T) {
	r := newRig(t, lazadasim.Config{Strict20: true}, 0)
	var items []relay.Item
	for i := range 45 {
		r.sim.AddSKU("900", fmt.Sprint(i), fmt.Sprint("S", i), "", 0, 0)
		items = append(items, item(i, int64(i), ""))
	}
	for _, res := range r.c.Push(context.Background(), items) {
		if res.Err != nil {
			t.Fatalf("%s: %v", res.Item.Target.Variant, res.Err)
		}
	}
	if n := len(r.sim.Recorder.Requests()); n != 3 {
		t.Errorf("%d calls for 45 SKUs, want 3 (20+20+5)", n)
	}
	if l, _ := r.sim.Stock.Get("44"); l.Available != 44 {
		t.Errorf("sku 44 sellable %d", l.Available)
	}
}

func TestPushReportsLockAndWarehouseErrorsPerSKU(t *testing.T) {
	r := newRig(t, lazadasim.Config{}, 0)
	r.sim.AddSKU("900", "1", "S1", "", 10, 5)
	r.sim.AddSKU("900", "2", "S2", "WH-A", 10, 0)
	r.sim.AddSKU("900", "3", "S3", "", 10, 0)
	res := r.c.Push(context.Background(), []relay.Item{item(1, 3, ""), item(2, 4, ""), item(3, 6, "")})
	for _, x := range res {
		perm := errors.Is(x.Err, relay.ErrPermanent)
		if want := x.Item.Target.Variant != "3"; perm != want {
			t.Errorf("sku %s: err %v, want permanent=%v", x.Item.Target.Variant, x.Err, want)
		}
	}
	if l, _ := r.sim.Stock.Get("3"); l.Available != 6 {
		t.Errorf("good sku in a 501 batch not set: %d", l.Available)
	}
	if l, _ := r.sim.Stock.Get("1"); l.Available != 10 {
		t.Errorf("sellable below lock accepted: %d", l.Available)
	}
	if res := r.c.Push(context.Background(), []relay.Item{item(2, 4, "WH-A")}); res[0].Err != nil {
		t.Errorf("multi-warehouse form refused: %v", res[0].Err)
	}
}

func TestThrottlingAndServerErrorsAreRetryable(t *testing.T) {
	r := newRig(t, lazadasim.Config{RatePerSecond: 1}, 0)
	r.sim.AddSKU("900", "1", "S1", "", 10, 0)
	ctx := context.Background()
	if res := r.c.Push(ctx, []relay.Item{item(1, 1, "")}); res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	res := r.c.Push(ctx, []relay.Item{item(1, 2, "")})
	if !errors.Is(res[0].Err, relay.ErrThrottled) || relay.RetryDelay(res[0].Err) == 0 {
		t.Errorf("second call in the same second: %v, want 901 throttling with a delay", res[0].Err)
	}
	r.sim.Faults.Inject("", 1, simkit.Fault{Status: 503, RetryAfter: "3"})
	res = r.c.Push(ctx, []relay.Item{item(1, 2, "")})
	if !errors.Is(res[0].Err, relay.ErrUnavailable) || !relay.Retryable(res[0].Err) || relay.RetryDelay(res[0].Err).Seconds() != 3 {
		t.Errorf("503: %v", res[0].Err)
	}
}

func TestBadCredentialsArePermanent(t *testing.T) {
	r := newRig(t, lazadasim.Config{AccessToken: "other"}, 0)
	r.sim.AddSKU("900", "1", "S1", "", 10, 0)
	res := r.c.Push(context.Background(), []relay.Item{item(1, 1, "")})
	if !errors.Is(res[0].Err, relay.ErrPermanent) || !strings.Contains(res[0].Err.Error(), "IllegalAccessToken") {
		t.Errorf("err %v", res[0].Err)
	}
}

// sink records accepted events.
type sink struct{ evs []relay.OrderEvent }

func (s *sink) AcceptOrder(_ context.Context, ev relay.OrderEvent) error {
	s.evs = append(s.evs, ev)
	return nil
}

func TestPushHandlerVerifiesAndFetches(t *testing.T) {
	r := newRig(t, lazadasim.Config{}, 0)
	r.sim.AddSKU("900", "7", "S7", "", 10, 0)
	s := &sink{}
	hook := httptest.NewServer(r.c.Handler(s))
	defer hook.Close()
	r.sim = lazadasim.New(lazadasim.Config{AppKey: "123456", AppSecret: "helloworld", AccessToken: "tok", PushURL: hook.URL})
	ctx := context.Background()
	r.sim.AddSKU("900", "7", "S7", "", 10, 0)
	id, ok := r.sim.Sell(ctx, "7", 2)
	if !ok || len(s.evs) != 1 || s.evs[0].OrderID != id || s.evs[0].Status != relay.OrderOpen {
		t.Fatalf("sold %v, events %+v", ok, s.evs)
	}
	if code, err := r.sim.ForgePush(ctx, []byte(`{"message_type":0}`)); err != nil || code != http.StatusUnauthorized {
		t.Errorf("forged push answered %d %v", code, err)
	}
	srv := r.sim.Start()
	defer srv.Close()
	c, _ := lazada.New(lazada.Config{BaseURL: srv.URL + "/rest", AppKey: "123456", AppSecret: "helloworld", AccessToken: "tok"}, nil, nil)
	ev, err := c.FetchOrder(ctx, id)
	if err != nil || ev.Status != relay.OrderOpen || len(ev.Lines) != 2 || ev.Lines[0].Variant != "7" {
		t.Errorf("fetched %+v %v", ev, err)
	}
}

func FuzzParsePush(f *testing.F) {
	f.Add([]byte(`{"seller_id":"1","message_type":0,"data":{"order_status":"unpaid","trade_order_id":"26","trade_order_line_id":"27","status_update_time":1},"timestamp":1,"site":"lazada_vn"}`))
	f.Add([]byte(`{"message_type":10,"data":{"reverse_status":"CANCEL_SUCCESS","trade_order_id":26}}`))
	f.Add([]byte(`{"message_type":6,"data":{}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, ok, err := lazada.ParsePush(body)
		if err != nil || !ok {
			return
		}
		if ev.OrderID == "" || ev.EventID == "" || ev.Channel != relay.Lazada {
			t.Fatalf("accepted incomplete event %+v", ev)
		}
	})
}

func TestParsePushStatuses(t *testing.T) {
	cases := map[string]relay.OrderStatus{
		`{"message_type":0,"data":{"order_status":"pending","trade_order_id":"1","trade_order_line_id":"2"}}`:   relay.OrderOpen,
		`{"message_type":0,"data":{"order_status":"canceled","trade_order_id":"1","trade_order_line_id":"2"}}`:  relay.OrderCancelled,
		`{"message_type":0,"data":{"order_status":"delivered","trade_order_id":"1","trade_order_line_id":"2"}}`: relay.OrderIgnored,
		`{"message_type":10,"data":{"reverse_status":"CANCEL_SUCCESS","trade_order_id":"1"}}`:                   relay.OrderCancelled,
		`{"message_type":10,"data":{"reverse_status":"RTW_INIT","trade_order_id":"1"}}`:                         relay.OrderIgnored,
	}
	for body, want := range cases {
		ev, ok, err := lazada.ParsePush([]byte(body))
		if err != nil || !ok || ev.Status != want {
			t.Errorf("%s: %+v %v %v, want status %v", body, ev, ok, err, want)
		}
	}
	if _, ok, err := lazada.ParsePush([]byte(`{"message_type":6,"data":{}}`)); ok || err != nil {
		t.Errorf("shallow-stock message taken as an order: %v %v", ok, err)
	}
	if _, _, err := lazada.ParsePush([]byte(`{"message_type":0,"data":{}}`)); err == nil {
		t.Error("trade message without an order id accepted")
	}
}
