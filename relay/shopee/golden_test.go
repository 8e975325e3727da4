package shopee_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
	"github.com/edged/edged/relay/simkit"
	"github.com/edged/edged/relay/simkit/golden"
)

// The fixture of the reference's derived update_stock vector (§3.2): base
// string partner_id + path + timestamp + access_token + shop_id.
const (
	vecKey       = "testpartnerkey"
	vecPartner   = 2001887
	vecShop      = 14701711
	vecToken     = "59777174636562737266615546704c6d"
	vecTimestamp = 1655714431
	vecSign      = "87b2a9b97d926afc3497e08b8ad902a81f9cf615f122ddac5c7dae5a541f6074"
)

// docBody is the documented update_stock body (§3.1); decoding a request
// into it with unknown fields refused checks the shape.
type docBody struct {
	ItemID    *int64 `json:"item_id"`
	StockList []struct {
		ModelID     *int64 `json:"model_id"`
		SellerStock []struct {
			LocationID *string `json:"location_id"`
			Stock      *int64  `json:"stock"`
		} `json:"seller_stock"`
	} `json:"stock_list"`
}

// simModel lists a model in the simulator the golden request is replayed to.
type simModel struct {
	item, model int64
	location    string
}

func spItem(item, model, loc string, q int64) relay.Item {
	return relay.Item{Target: relay.Target{Channel: relay.Shopee, Item: item, Variant: model, Location: loc}, Qty: q}
}

func TestGoldenStockUpdate(t *testing.T) {
	cases := []struct {
		name     string
		items    []relay.Item
		multi    bool   // location_id on every seller_stock entry, else on none
		body     string // exact body of the first request, when pinned here
		requests int
		sim      []simModel
	}{{
		name:     "stock-update",
		items:    []relay.Item{spItem("800000123", "0", "", 20)},
		body:     `{"item_id":800000123,"stock_list":[{"model_id":0,"seller_stock":[{"stock":20}]}]}`,
		requests: 1,
		sim:      []simModel{{800000123, 0, ""}},
	}, {
		name:     "stock-update-models",
		items:    []relay.Item{spItem("800000123", "2000456", "", 20), spItem("800000123", "2000457", "", 0), spItem("800000124", "0", "", 5)},
		requests: 2, // one call per item
		sim:      []simModel{{800000123, 2000456, ""}, {800000123, 2000457, ""}, {800000124, 0, ""}},
	}, {
		name:     "stock-update-multi-location",
		items:    []relay.Item{spItem("800000123", "2000456", "SGZ", 20), spItem("800000123", "2000457", "SGZ", 3)},
		multi:    true,
		body:     `{"item_id":800000123,"stock_list":[{"model_id":2000456,"seller_stock":[{"location_id":"SGZ","stock":20}]},{"model_id":2000457,"seller_stock":[{"location_id":"SGZ","stock":3}]}]}`,
		requests: 1,
		sim:      []simModel{{800000123, 2000456, "SGZ"}, {800000123, 2000457, "SGZ"}},
	}, {
		// A model stocked at two locations is one stock_list entry with
		// two seller_stock entries. Not replayed: the simulator models
		// one location per item.
		name:     "stock-update-multi-location-split",
		items:    []relay.Item{spItem("800000123", "2000456", "SGZ", 20), spItem("800000123", "2000457", "SGZ", 3), spItem("800000123", "2000456", "SGW", 7)},
		multi:    true,
		body:     `{"item_id":800000123,"stock_list":[{"model_id":2000456,"seller_stock":[{"location_id":"SGZ","stock":20},{"location_id":"SGW","stock":7}]},{"model_id":2000457,"seller_stock":[{"location_id":"SGZ","stock":3}]}]}`,
		requests: 1,
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reqs := pushRecorded(t, c.items)
			golden.Compare(t, golden.Path(c.name), golden.Render(reqs...))
			if len(reqs) != c.requests {
				t.Fatalf("%d requests, want %d", len(reqs), c.requests)
			}
			if c.body != "" && string(reqs[0].Body) != c.body {
				t.Errorf("body\n%s\nwant\n%s", reqs[0].Body, c.body)
			}
			for _, r := range reqs {
				checkRequest(t, r, c.multi)
				if c.sim != nil {
					replay(t, r, c.sim)
				}
			}
		})
	}
}

func TestGoldenSignVector(t *testing.T) {
	if got := shopee.Sign(vecKey, vecPartner, shopee.PathUpdateStock, vecTimestamp, vecToken, vecShop); got != vecSign {
		t.Errorf("Sign = %s, want %s", got, vecSign)
	}
	base := fmt.Sprint(vecPartner) + shopee.PathUpdateStock + fmt.Sprint(vecTimestamp) + vecToken + fmt.Sprint(vecShop)
	if got := shopee.SignBase(vecKey, base); got != vecSign {
		t.Errorf("SignBase = %s, want %s", got, vecSign)
	}
}

// pushRecorded runs the client's Push against a server that records the
// raw requests and answers success.
func pushRecorded(t *testing.T, items []relay.Item) []simkit.Request {
	t.Helper()
	srv := golden.NewRecorder(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"error":"","message":"","request_id":"e3e3e7f3","response":{"success_list":[],"failure_list":[]}}`)
	}))
	c, err := shopee.New(shopee.Config{BaseURL: srv.URL, PartnerID: vecPartner, PartnerKey: vecKey, ShopID: vecShop, AccessToken: vecToken}, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Now = func() time.Time { return time.Unix(vecTimestamp, 0) }
	for _, r := range c.Push(context.Background(), items) {
		if r.Err != nil {
			t.Fatalf("push %s/%s: %v", r.Item.Target.Item, r.Item.Target.Variant, r.Err)
		}
	}
	return srv.Requests()
}

// checkRequest checks the request line, the signed query (sorted,
// canonically encoded, the reference vector's signature), the headers and
// the documented body shape.
func checkRequest(t *testing.T, r simkit.Request, multi bool) {
	t.Helper()
	if r.Method != http.MethodPost || r.Path != shopee.PathUpdateStock {
		t.Errorf("request %s %s, want POST %s", r.Method, r.Path, shopee.PathUpdateStock)
	}
	q, err := url.ParseQuery(r.RawQuery)
	if err != nil || q.Encode() != r.RawQuery {
		t.Errorf("query %q is not sorted and canonically encoded (%v)", r.RawQuery, err)
	}
	want := url.Values{"partner_id": {fmt.Sprint(vecPartner)}, "timestamp": {fmt.Sprint(vecTimestamp)},
		"access_token": {vecToken}, "shop_id": {fmt.Sprint(vecShop)}, "sign": {vecSign}}
	if q.Encode() != want.Encode() {
		t.Errorf("query\n%s\nwant\n%s", q.Encode(), want.Encode())
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	var b docBody
	d := json.NewDecoder(bytes.NewReader(r.Body))
	d.DisallowUnknownFields()
	if err := d.Decode(&b); err != nil {
		t.Fatalf("body is not the documented shape: %v\n%s", err, r.Body)
	}
	if b.ItemID == nil || len(b.StockList) == 0 || len(b.StockList) > 50 {
		t.Errorf("body needs item_id and 1..50 stock_list entries:\n%s", r.Body)
	}
	seen := map[int64]bool{}
	for _, e := range b.StockList {
		if e.ModelID == nil || seen[*e.ModelID] || len(e.SellerStock) == 0 {
			t.Errorf("stock_list entry without model_id, repeated, or without seller_stock:\n%s", r.Body)
			continue
		}
		seen[*e.ModelID] = true
		for _, s := range e.SellerStock {
			if s.Stock == nil || *s.Stock < 0 || (s.LocationID != nil) != multi || (multi && *s.LocationID == "") {
				t.Errorf("seller_stock entry: stock missing or negative, or location_id present=%v for a multi-location shop=%v:\n%s",
					s.LocationID != nil, multi, r.Body)
			}
		}
	}
}

// replay sends the recorded bytes to the simulator, which must take them.
func replay(t *testing.T, r simkit.Request, models []simModel) {
	t.Helper()
	sim := shopeesim.New(shopeesim.Config{PartnerID: vecPartner, PartnerKey: vecKey, ShopID: vecShop, AccessToken: vecToken,
		Now: func() time.Time { return time.Unix(vecTimestamp, 0) }})
	for _, m := range models {
		sim.AddModel(m.item, m.model, m.location, 99, 0)
	}
	var ans struct {
		Error    string `json:"error"`
		Response struct {
			FailureList []json.RawMessage `json:"failure_list"`
		} `json:"response"`
	}
	if body := golden.Send(t, golden.NewServer(t, sim.Handler()), r); json.Unmarshal(body, &ans) != nil || ans.Error != "" || len(ans.Response.FailureList) > 0 {
		t.Errorf("simulator refused the golden request: %s", body)
	}
}
