package tiktok_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/simkit"
	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

func TestSignMatchesReferenceVectors(t *testing.T) {
	q := url.Values{"app_key": {"123abc"}, "shop_cipher": {"ROW_RHkDDABBAAB8tKAVoAqsMTjsQZFLyNfY"}, "timestamp": {"1625484268"},
		"sign": {"ignored"}, "access_token": {"ignored"}}
	body := `{"skus":[{"id":"1729592969712207013","inventory":[{"warehouse_id":"7068517275539719942","quantity":999}]}]}`
	got := tiktok.Sign("e59af819cc", "/product/202309/products/1729382561353664372/inventory/update", q, []byte(body))
	if want := "ff4779262378f8cd730e123aef2b22f6b87b20670981f3034db023d27e7885ad"; got != want {
		t.Errorf("update sign = %s, want %s", got, want)
	}
	q = url.Values{"app_key": {"68xu9ks5p4i8"}, "shop_cipher": {"ROW_xkMbgAAAeVAQra0eZWebFQq5aIK"}, "timestamp": {"1696909648"}}
	got = tiktok.Sign("e59af819cc", "/event/202309/webhooks", q, []byte(`{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}`))
	if want := "cd0d6268252f4ba293bf7ea4c0a2873bf9beec600d22530638564ab301435f7a"; got != want {
		t.Errorf("webhook config sign = %s, want %s", got, want)
	}
	body2 := `{"skus":[{"id":"1729592969712207013", "inventory":[{"warehouse_id":"7068517275539719942","quantity":999}]}]}`
	if tiktok.Sign("e59af819cc", "/p", q, []byte(body)) == tiktok.Sign("e59af819cc", "/p", q, []byte(body2)) {
		t.Error("signature ignores body whitespace; it must cover the exact bytes")
	}
}

func TestWebhookSignatureMatchesReferenceVector(t *testing.T) {
	body := `{"type":1,"shop_id":"7494726673780148744","timestamp":1664095733,"data":{"order_id":"576684019603311365","order_status":"AWAITING_SHIPMENT","update_time":1664095610}}`
	if got := tiktok.WebhookSignature("fake_app_secret", "fake_app_key", []byte(body)); got != "21109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27" {
		t.Errorf("webhook signature = %s", got)
	}
}

const (
	appKey, secret, token, cipher = "123abc", "e59af819cc", "tok", "ROW_x"
)

func newRig(t *testing.T, cfg tiktoksim.Config) (*tiktoksim.Sim, *tiktok.Client) {
	cfg.AppKey, cfg.AppSecret, cfg.AccessToken, cfg.ShopCipher = appKey, secret, token, cipher
	sim := tiktoksim.New(cfg)
	srv := sim.Start()
	t.Cleanup(srv.Close)
	c, err := tiktok.New(tiktok.Config{BaseURL: srv.URL, AppKey: appKey, AppSecret: secret, AccessToken: token, ShopCipher: cipher, RatePerSecond: 50}, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return sim, c
}

func it(product, sku, wh string, q int64) relay.Item {
	return relay.Item{Target: relay.Target{Channel: relay.TikTok, Item: product, Variant: sku, Location: wh}, Qty: q}
}

func TestPushGroupsWarehousesAndReportsPerSKUErrors(t *testing.T) {
	sim, c := newRig(t, tiktoksim.Config{})
	sim.AddSKU("10", "1", []string{"A", "B"}, 5, 0)
	sim.AddSKU("10", "2", []string{"A"}, 5, 9)
	sim.AddSKU("20", "3", []string{"A"}, 5, 0)
	res := c.Push(context.Background(), []relay.Item{it("10", "1", "A", 7), it("10", "2", "A", 1), it("20", "3", "", 0), it("10", "1", "B", 8)})
	for _, r := range res {
		perm := errors.Is(r.Err, relay.ErrPermanent)
		if want := r.Item.Target.Variant == "2"; perm != want {
			t.Errorf("sku %s: %v", r.Item.Target.Variant, r.Err)
		}
	}
	for key, want := range map[string]int64{"1/A": 7, "1/B": 8, "2/A": 5, "3/A": 0} {
		if l, _ := sim.Stock.Get(key); l.Available != want {
			t.Errorf("%s = %d, want %d", key, l.Available, want)
		}
	}
	if n := len(sim.Recorder.Requests()); n != 2 {
		t.Errorf("%d calls, want one per product", n)
	}
	res = c.Push(context.Background(), []relay.Item{it("10", "1", "A", 7)})
	if !errors.Is(res[0].Err, relay.ErrPermanent) {
		t.Errorf("missing warehouse B accepted: %v", res[0].Err)
	}
}

func TestRejectsStaleTimestampAndThrottles(t *testing.T) {
	sim, c := newRig(t, tiktoksim.Config{RatePerSecond: 1})
	sim.AddSKU("10", "1", []string{"A"}, 5, 0)
	ctx := context.Background()
	c.Now = func() time.Time { return time.Now().Add(-10 * time.Minute) }
	if res := c.Push(ctx, []relay.Item{it("10", "1", "", 1)}); !errors.Is(res[0].Err, relay.ErrPermanent) {
		t.Errorf("stale timestamp: %v", res[0].Err)
	}
	c.Now = time.Now
	c.Push(ctx, []relay.Item{it("10", "1", "", 1)})
	res := c.Push(ctx, []relay.Item{it("10", "1", "", 2)})
	if !errors.Is(res[0].Err, relay.ErrThrottled) {
		t.Errorf("429: %v", res[0].Err)
	}
	sim.Faults.Inject("", 1, simkit.Fault{Status: 503})
	if res := c.Push(ctx, []relay.Item{it("10", "1", "", 2)}); !relay.Retryable(res[0].Err) {
		t.Errorf("503 not retryable: %v", res[0].Err)
	}
}

type sink struct{ evs []relay.OrderEvent }

func (s *sink) AcceptOrder(_ context.Context, ev relay.OrderEvent) error {
	s.evs = append(s.evs, ev)
	return nil
}

func TestWebhookVerifiesAndOrderIsFetched(t *testing.T) {
	_, c := newRig(t, tiktoksim.Config{})
	s := &sink{}
	hook := httptest.NewServer(c.Handler(s))
	defer hook.Close()
	sim := tiktoksim.New(tiktoksim.Config{AppKey: appKey, AppSecret: secret, AccessToken: token, ShopCipher: cipher, WebhookURL: hook.URL})
	sim.Emitter.Duplicate = true
	srv := sim.Start()
	defer srv.Close()
	c2, _ := tiktok.New(tiktok.Config{BaseURL: srv.URL, AppKey: appKey, AppSecret: secret, AccessToken: token, ShopCipher: cipher}, nil, nil)
	sim.AddSKU("10", "1", []string{"A"}, 5, 0)
	ctx := context.Background()
	id, ok := sim.Sell(ctx, "10", "1", "A", 2)
	if !ok || len(s.evs) != 2 || s.evs[0].EventID != s.evs[1].EventID || s.evs[0].Status != relay.OrderOpen {
		t.Fatalf("events %+v", s.evs)
	}
	ev, err := c2.FetchOrder(ctx, id)
	if err != nil || len(ev.Lines) != 2 || ev.Lines[0].Variant != "1" || ev.Status != relay.OrderOpen {
		t.Errorf("fetched %+v %v", ev, err)
	}
	sim.Cancel(ctx, id)
	if last := s.evs[len(s.evs)-1]; last.Status != relay.OrderCancelled {
		t.Errorf("CANCEL mapped to %v", last.Status)
	}
	req, _ := http.NewRequest(http.MethodPost, hook.URL, nil)
	req.Header.Set("Authorization", "00")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("forged webhook: %v %v", resp, err)
	}
}

func TestInventoryStatusChangeIsALock(t *testing.T) {
	ev, ok, err := tiktok.ParseWebhook([]byte(`{"type":27,"tts_notification_id":"n3","shop_id":"1","timestamp":1,"data":{"product_id":"7001","sku_id":"8001","inventory_distribution":{"total_quantity":20,"available_quantity":12,"campaign_reserved_quantity":3,"creator_reserved_quantity":1,"committed_quantity":4}}}`))
	if err != nil || !ok || ev.Lock == nil || ev.Lock.Qty != 4 || ev.Lock.Variant != "8001" {
		t.Errorf("got %+v %v %v", ev, ok, err)
	}
}

func FuzzParseWebhook(f *testing.F) {
	f.Add([]byte(`{"type":1,"tts_notification_id":"n1","shop_id":"7","timestamp":1,"data":{"order_id":"5","order_status":"UNPAID"}}`))
	f.Add([]byte(`{"type":11,"tts_notification_id":"n2","data":{"order_id":"5","cancel_status":"CANCELLATION_REQUEST_SUCCESS"}}`))
	f.Add([]byte(`{"type":27,"tts_notification_id":"n3","data":{"product_id":"7","sku_id":"8","inventory_distribution":{"campaign_reserved_quantity":3,"creator_reserved_quantity":1}}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, ok, err := tiktok.ParseWebhook(body)
		if err != nil || !ok {
			return
		}
		if ev.EventID == "" || (ev.Lock == nil && ev.OrderID == "") || (ev.Lock != nil && ev.Lock.Qty < 0) {
			t.Fatalf("accepted incomplete event %+v", ev)
		}
	})
}
