package shopify_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
)

// The reference gives no Shopify digest; this one was computed with both
// `openssl dgst -sha256 -hmac hush -binary | base64` and Python hmac.
func TestWebhookSignatureMatchesOpenSSL(t *testing.T) {
	body := []byte(`{"id":820982911946154508,"line_items":[{"variant_id":808950810,"quantity":1}]}`)
	const want = "EWFfW5W3DdOlRfSZjtIVyLgPJNqP0PPQFguN195n3aM="
	if got := shopify.WebhookSignature("hush", body); got != want {
		t.Errorf("signature %s, want %s", got, want)
	}
	if !shopify.VerifyWebhook("hush", body, want) || shopify.VerifyWebhook("hush", body, "AAAA") || shopify.VerifyWebhook("hush", nil, want) {
		t.Error("VerifyWebhook accepts or refuses the wrong things")
	}
}

const token, secret = "shpat_test", "hush"

func gid(kind string, n int) string { return fmt.Sprintf("gid://shopify/%s/%d", kind, n) }

func newRig(t *testing.T, cfg shopifysim.Config, version string) (*shopifysim.Sim, *shopify.Client) {
	cfg.AccessToken, cfg.ClientSecret = token, secret
	sim := shopifysim.New(cfg)
	srv := sim.Start()
	t.Cleanup(srv.Close)
	c, err := shopify.New(shopify.Config{BaseURL: srv.URL, AccessToken: token, ClientSecret: secret, APIVersion: version, RatePerSecond: 1000}, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return sim, c
}

func it(n int, q int64) relay.Item {
	return relay.Item{Target: relay.Target{Channel: relay.Shopify, Item: gid("InventoryItem", n), Location: gid("Location", 1), Variant: fmt.Sprint(n)}, Qty: q}
}

func get(sim *shopifysim.Sim, n int) int64 {
	l, _ := sim.Stock.Get(gid("InventoryItem", n) + "|" + gid("Location", 1))
	return l.Available
}

func TestPushBatchesOf250WithCompareAndSet(t *testing.T) {
	for _, version := range []string{"2025-10", "2026-01", "2026-04"} {
		t.Run(version, func(t *testing.T) {
			sim, c := newRig(t, shopifysim.Config{BucketSize: 10000, RestoreRate: 10000}, version)
			var items []relay.Item
			for i := range 300 {
				sim.AddItem(gid("InventoryItem", i), gid("Location", 1), fmt.Sprint(i), 1, false)
				items = append(items, it(i, int64(i)))
			}
			for _, r := range c.Push(context.Background(), items) {
				if r.Err != nil {
					t.Fatal(r.Err)
				}
			}
			if got := get(sim, 299); got != 299 {
				t.Errorf("item 299 = %d", got)
			}
			mutations := 0
			for _, r := range sim.Recorder.Requests() {
				if bytes.Contains(r.Body, []byte("inventorySetQuantities")) {
					mutations++
				}
			}
			if mutations != 2 {
				t.Errorf("%d mutations for 300 items, want 2", mutations)
			}
		})
	}
}

func TestStaleCompareNeverPutsASaleBack(t *testing.T) {
	sim, c := newRig(t, shopifysim.Config{}, "")
	sim.AddItem(gid("InventoryItem", 1), gid("Location", 1), "1", 0, false)
	ctx := context.Background()
	if r := c.Push(ctx, []relay.Item{it(1, 5)}); r[0].Err != nil {
		t.Fatal(r[0].Err)
	}
	if _, ok := sim.Sell(ctx, "1", 1); !ok {
		t.Fatal("sale refused")
	}
	r := c.Push(ctx, []relay.Item{it(1, 5)}) // the relay has not heard of the sale yet
	if r[0].Err != nil || get(sim, 1) != 4 || r[0].Item.Qty != 4 {
		t.Errorf("after a racing sale: err %v, shopify %d, pushed %d; want 4", r[0].Err, get(sim, 1), r[0].Item.Qty)
	}
	if r := c.Push(ctx, []relay.Item{it(1, 2)}); r[0].Err != nil || get(sim, 1) != 2 {
		t.Errorf("lower quantity: %v %d", r[0].Err, get(sim, 1))
	}
}

func TestBundleFailsAloneAndTheRestIsSet(t *testing.T) {
	sim, c := newRig(t, shopifysim.Config{}, "")
	sim.AddItem(gid("InventoryItem", 1), gid("Location", 1), "1", 0, false)
	sim.AddItem(gid("InventoryItem", 2), gid("Location", 1), "2", 0, true)
	res := c.Push(context.Background(), []relay.Item{it(1, 3), it(2, 3), it(3, 3)})
	if res[0].Err != nil || get(sim, 1) != 3 {
		t.Errorf("good item: %v %d", res[0].Err, get(sim, 1))
	}
	for _, r := range res[1:] {
		if !errors.Is(r.Err, relay.ErrPermanent) {
			t.Errorf("%s: %v, want permanent", r.Item.Target.Item, r.Err)
		}
	}
}

func TestThrottledRetriesWithTheSameKey(t *testing.T) {
	sim, c := newRig(t, shopifysim.Config{BucketSize: 12, RestoreRate: 200}, "")
	sim.AddItem(gid("InventoryItem", 1), gid("Location", 1), "1", 0, false)
	ctx := context.Background()
	c.Push(ctx, []relay.Item{it(1, 1)})
	if r := c.Push(ctx, []relay.Item{it(1, 2)}); r[0].Err != nil || get(sim, 1) != 2 {
		t.Fatalf("throttled push: %v", r[0].Err)
	}
	reqs := sim.Recorder.Requests()
	last, prev := reqs[len(reqs)-1].Body, reqs[len(reqs)-2].Body
	if !bytes.Contains(prev, []byte("inventorySetQuantities")) || !bytes.Equal(last, prev) {
		t.Errorf("retry after THROTTLED was not the same request:\n%s\n%s", prev, last)
	}
}

func TestSimulatorIdempotencyAndAuth(t *testing.T) {
	sim, _ := newRig(t, shopifysim.Config{}, "")
	srv := httptest.NewServer(sim.Handler())
	defer srv.Close()
	sim.AddItem(gid("InventoryItem", 1), gid("Location", 1), "1", 0, false)
	post := func(tok, key string, qty int) string {
		q := fmt.Sprintf(`{"query":"mutation { inventorySetQuantities(input: $input) @idempotent(key: \"%s\") { userErrors { code } } }","variables":{"input":{"name":"available","reason":"correction","quantities":[{"inventoryItemId":"%s","locationId":"%s","quantity":%d,"changeFromQuantity":null}]}}}`, key, gid("InventoryItem", 1), gid("Location", 1), qty)
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/admin/api/2026-04/graphql.json", strings.NewReader(q))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Shopify-Access-Token", tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return fmt.Sprint(resp.StatusCode, b.String())
	}
	if got := post("wrong", "k1", 1); !strings.HasPrefix(got, "401") {
		t.Errorf("bad token: %s", got)
	}
	post(token, "k1", 7)
	sim.Sell(context.Background(), "1", 2)
	if got := post(token, "k1", 7); get(sim, 1) != 5 || strings.Contains(got, "IDEMPOTENCY") {
		t.Errorf("replay changed stock or failed: %d %s", get(sim, 1), got)
	}
	if got := post(token, "k1", 8); !strings.Contains(got, "IDEMPOTENCY_KEY_PARAMETER_MISMATCH") {
		t.Errorf("mismatch: %s", got)
	}
}
