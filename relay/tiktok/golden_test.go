package tiktok_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/simkit"
	"github.com/edged/edged/relay/simkit/golden"
	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

// The fixture of the reference's derived update-inventory vector (§4.2).
const (
	vecSecret    = "e59af819cc"
	vecAppKey    = "123abc"
	vecCipher    = "ROW_RHkDDABBAAB8tKAVoAqsMTjsQZFLyNfY"
	vecTimestamp = 1625484268
	vecProduct   = "1729382561353664372"
	vecBody      = `{"skus":[{"id":"1729592969712207013","inventory":[{"warehouse_id":"7068517275539719942","quantity":999}]}]}`
	vecSign      = "ff4779262378f8cd730e123aef2b22f6b87b20670981f3034db023d27e7885ad"
	// vecToken is not in the vector: the header is not signed.
	vecToken = "TTP_golden_access_token"
)

// docBody is the documented Update Inventory body (§4.1); decoding a
// request into it with unknown fields refused checks the shape.
type docBody struct {
	Skus []struct {
		ID        *string `json:"id"`
		Inventory []struct {
			WarehouseID *string `json:"warehouse_id"`
			Quantity    *int64  `json:"quantity"`
		} `json:"inventory"`
	} `json:"skus"`
}

// simSKU lists a SKU in the simulator the golden request is replayed to.
type simSKU struct {
	product, sku string
	warehouses   []string
}

func ttItem(product, sku, wh string, q int64) relay.Item {
	return relay.Item{Target: relay.Target{Channel: relay.TikTok, Item: product, Variant: sku, Location: wh}, Qty: q}
}

func TestGoldenStockUpdate(t *testing.T) {
	const sku1, sku2, wh1, wh2 = "1729592969712207013", "1729592969712207014", "7068517275539719942", "7068517275539719943"
	cases := []struct {
		name  string
		items []relay.Item
		body  string // exact body, when pinned here
		sign  string // exact signature, when documented
		sim   []simSKU
	}{{
		name:  "stock-update",
		items: []relay.Item{ttItem(vecProduct, sku1, wh1, 999)},
		body:  vecBody,
		sign:  vecSign,
		sim:   []simSKU{{vecProduct, sku1, []string{wh1}}},
	}, {
		// warehouse_id may be left out for a single-warehouse SKU.
		name:  "stock-update-single-warehouse",
		items: []relay.Item{ttItem(vecProduct, sku1, "", 5), ttItem(vecProduct, sku2, "", 1)},
		body:  `{"skus":[{"id":"1729592969712207013","inventory":[{"quantity":5}]},{"id":"1729592969712207014","inventory":[{"quantity":1}]}]}`,
		sim:   []simSKU{{vecProduct, sku1, []string{wh1}}, {vecProduct, sku2, []string{wh1}}},
	}, {
		// Every warehouse of a SKU goes in its one inventory list.
		name:  "stock-update-multi-warehouse",
		items: []relay.Item{ttItem(vecProduct, sku1, wh1, 999), ttItem(vecProduct, sku2, wh2, 4), ttItem(vecProduct, sku1, wh2, 12)},
		body:  `{"skus":[{"id":"1729592969712207013","inventory":[{"warehouse_id":"7068517275539719942","quantity":999},{"warehouse_id":"7068517275539719943","quantity":12}]},{"id":"1729592969712207014","inventory":[{"warehouse_id":"7068517275539719943","quantity":4}]}]}`,
		sim:   []simSKU{{vecProduct, sku1, []string{wh1, wh2}}, {vecProduct, sku2, []string{wh2}}},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := pushRecorded(t, c.items)
			golden.Compare(t, golden.Path(c.name), golden.Render(r))
			q := checkRequest(t, r)
			if c.sign != "" && q.Get("sign") != c.sign {
				t.Errorf("sign %s, want the reference vector %s", q.Get("sign"), c.sign)
			}
			if string(r.Body) != c.body {
				t.Errorf("body\n%s\nwant\n%s", r.Body, c.body)
			}
			replay(t, r, c.sim)
		})
	}
}

func TestGoldenSignVector(t *testing.T) {
	q := url.Values{"app_key": {vecAppKey}, "shop_cipher": {vecCipher}, "timestamp": {fmt.Sprint(vecTimestamp)}}
	path := "/product/202309/products/" + vecProduct + "/inventory/update"
	if got := tiktok.Sign(vecSecret, path, q, []byte(vecBody)); got != vecSign {
		t.Errorf("Sign = %s, want %s", got, vecSign)
	}
	q.Set("sign", "ignored")
	q.Set("access_token", "ignored")
	if got := tiktok.Sign(vecSecret, path, q, []byte(vecBody)); got != vecSign {
		t.Errorf("Sign covers sign or access_token: %s", got)
	}
}

// pushRecorded runs the client's Push against a server that records the
// raw request and answers success.
func pushRecorded(t *testing.T, items []relay.Item) simkit.Request {
	t.Helper()
	srv := golden.NewRecorder(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"code":0,"message":"Success","request_id":"202311071","data":{}}`)
	}))
	c, err := tiktok.New(tiktok.Config{BaseURL: srv.URL, AppKey: vecAppKey, AppSecret: vecSecret, AccessToken: vecToken, ShopCipher: vecCipher},
		srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Now = func() time.Time { return time.Unix(vecTimestamp, 0) }
	for _, r := range c.Push(context.Background(), items) {
		if r.Err != nil {
			t.Fatalf("push %s: %v", r.Item.Target.Variant, r.Err)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	return reqs[0]
}

// checkRequest checks the request line, the signed query (sorted,
// canonically encoded, signed over the exact body bytes sent), the headers
// and the documented body shape, and returns the query.
func checkRequest(t *testing.T, r simkit.Request) url.Values {
	t.Helper()
	path := "/product/202309/products/" + vecProduct + "/inventory/update"
	if r.Method != http.MethodPost || r.Path != path {
		t.Errorf("request %s %s, want POST %s", r.Method, r.Path, path)
	}
	q, err := url.ParseQuery(r.RawQuery)
	if err != nil || q.Encode() != r.RawQuery {
		t.Errorf("query %q is not sorted and canonically encoded (%v)", r.RawQuery, err)
	}
	if got := slices.Sorted(maps.Keys(q)); !slices.Equal(got, []string{"app_key", "shop_cipher", "sign", "timestamp"}) {
		t.Errorf("query parameters %v", got)
	}
	if q.Get("app_key") != vecAppKey || q.Get("shop_cipher") != vecCipher || q.Get("timestamp") != fmt.Sprint(vecTimestamp) {
		t.Errorf("query %v", q)
	}
	if s := tiktok.Sign(vecSecret, r.Path, q, r.Body); q.Get("sign") != s {
		t.Errorf("sign %s does not cover the bytes sent (%s)", q.Get("sign"), s)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want exactly application/json", ct)
	}
	if tok := r.Header.Get("X-Tts-Access-Token"); tok != vecToken {
		t.Errorf("x-tts-access-token %q", tok)
	}
	var b docBody
	d := json.NewDecoder(bytes.NewReader(r.Body))
	d.DisallowUnknownFields()
	if err := d.Decode(&b); err != nil {
		t.Fatalf("body is not the documented shape: %v\n%s", err, r.Body)
	}
	if len(b.Skus) == 0 || len(b.Skus) > 100 {
		t.Errorf("%d SKUs, want 1..100", len(b.Skus))
	}
	seen := map[string]bool{}
	for _, s := range b.Skus {
		if s.ID == nil || seen[*s.ID] || len(s.Inventory) == 0 {
			t.Errorf("SKU without id, repeated, or without inventory:\n%s", r.Body)
			continue
		}
		seen[*s.ID] = true
		for _, inv := range s.Inventory {
			if inv.Quantity == nil || *inv.Quantity < 0 || (inv.WarehouseID == nil && len(s.Inventory) > 1) {
				t.Errorf("SKU %s: quantity missing or negative, or warehouse_id left out among several warehouses:\n%s", *s.ID, r.Body)
			}
		}
	}
	return q
}

// replay sends the recorded bytes to the simulator, which must take them.
func replay(t *testing.T, r simkit.Request, skus []simSKU) {
	t.Helper()
	sim := tiktoksim.New(tiktoksim.Config{AppKey: vecAppKey, AppSecret: vecSecret, AccessToken: vecToken, ShopCipher: vecCipher,
		Now: func() time.Time { return time.Unix(vecTimestamp, 0) }})
	for _, k := range skus {
		sim.AddSKU(k.product, k.sku, k.warehouses, 99, 0)
	}
	var ans struct {
		Code int `json:"code"`
		Data struct {
			Errors []json.RawMessage `json:"errors"`
		} `json:"data"`
	}
	if body := golden.Send(t, golden.NewServer(t, sim.Handler()), r); json.Unmarshal(body, &ans) != nil || ans.Code != 0 || len(ans.Data.Errors) > 0 {
		t.Errorf("simulator refused the golden request: %s", body)
	}
}
