package lazada_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/simkit"
	"github.com/edged/edged/relay/simkit/golden"
)

// The fixture of the reference's derived stock-update vector (§2.2).
const (
	vecSecret          = "helloworld"
	vecAppKey          = "123456"
	vecToken           = "test"
	vecTimestamp int64 = 1517820392000
	vecPayload         = "<Request><Product><Skus><Sku><ItemId>234234234</ItemId><SkuId>234</SkuId><SellableQuantity>20</SellableQuantity></Sku></Skus></Product></Request>"
	vecSign            = "0D7B6906784B9492ACFB5A3582775CDB854DF8C977038E452E05A5C233A86368"
)

// The documented payload shapes (§2.1), strictly: a Sku holds either a
// plain SellableQuantity or MultiWarehouseInventories, never both.
var (
	singleShape = regexp.MustCompile(`^<Request><Product><Skus>(<Sku><ItemId>[^<]+</ItemId><SkuId>[^<]+</SkuId>(<SellerSku>[^<]+</SellerSku>)?<SellableQuantity>\d+</SellableQuantity></Sku>)+</Skus></Product></Request>$`)
	multiShape  = regexp.MustCompile(`^<Request><Product><Skus>(<Sku><ItemId>[^<]+</ItemId><SkuId>[^<]+</SkuId>(<SellerSku>[^<]+</SellerSku>)?<MultiWarehouseInventories>(<MultiWarehouseInventory><WarehouseCode>[^<]+</WarehouseCode><SellableQuantity>\d+</SellableQuantity></MultiWarehouseInventory>)+</MultiWarehouseInventories></Sku>)+</Skus></Product></Request>$`)
)

// simSKU lists a SKU in the simulator the golden request is replayed to.
type simSKU struct{ item, sku, sellerSku, warehouse string }

func lzItem(item, sku, sellerSku, wh string, qty int64) relay.Item {
	return relay.Item{Target: relay.Target{Channel: relay.Lazada, Item: item, Variant: sku, SellerSKU: sellerSku, Location: wh}, Qty: qty}
}

func TestGoldenStockUpdate(t *testing.T) {
	cases := []struct {
		name    string
		items   []relay.Item
		shape   *regexp.Regexp
		payload string // exact payload, when documented
		sign    string // exact signature, when documented
		sim     []simSKU
	}{{
		name:    "stock-update",
		items:   []relay.Item{lzItem("234234234", "234", "", "", 20)},
		shape:   singleShape,
		payload: vecPayload,
		sign:    vecSign,
		sim:     []simSKU{{"234234234", "234", "", ""}},
	}, {
		name:  "stock-update-batch",
		items: []relay.Item{lzItem("234234234", "234", "TS-RED-M", "", 20), lzItem("234234234", "235", "TS-RED-L", "", 0)},
		shape: singleShape,
		sim:   []simSKU{{"234234234", "234", "TS-RED-M", ""}, {"234234234", "235", "TS-RED-L", ""}},
	}, {
		name:  "stock-update-multi-warehouse",
		items: []relay.Item{lzItem("234234234", "234", "TS-RED-M", "WH-SG-01", 20), lzItem("234234234", "235", "TS-RED-L", "WH-SG-02", 3)},
		shape: multiShape,
		sim:   []simSKU{{"234234234", "234", "TS-RED-M", "WH-SG-01"}, {"234234234", "235", "TS-RED-L", "WH-SG-02"}},
	}, {
		// One SKU stocked in two warehouses is one Sku with two
		// inventories. Not replayed: the simulator models one warehouse
		// per SKU.
		name: "stock-update-multi-warehouse-split",
		items: []relay.Item{lzItem("234234234", "234", "TS-RED-M", "WH-SG-01", 20), lzItem("234234234", "235", "TS-RED-L", "WH-SG-01", 1),
			lzItem("234234234", "234", "TS-RED-M", "WH-SG-02", 7)},
		shape: multiShape,
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := pushRecorded(t, c.items)
			golden.Compare(t, golden.Path(c.name), golden.Render(req))
			p := checkForm(t, req)
			if c.sign != "" && p["sign"] != c.sign {
				t.Errorf("sign %s, want the reference vector %s", p["sign"], c.sign)
			}
			if c.payload != "" && p["payload"] != c.payload {
				t.Errorf("payload\n%s\nwant the reference vector\n%s", p["payload"], c.payload)
			}
			if !c.shape.MatchString(p["payload"]) {
				t.Errorf("payload is not in the documented %s form:\n%s", c.name, p["payload"])
			}
			if c.shape == singleShape && strings.Contains(p["payload"], "MultiWarehouse") {
				t.Errorf("single-warehouse payload has a multi-warehouse element:\n%s", p["payload"])
			}
			if c.sim != nil {
				replay(t, req, c.sim)
			}
		})
	}
}

func TestGoldenSignVector(t *testing.T) {
	p := map[string]string{"app_key": vecAppKey, "access_token": vecToken, "timestamp": fmt.Sprint(vecTimestamp),
		"sign_method": "sha256", "payload": vecPayload}
	if got := lazada.Sign(vecSecret, lazada.PathSellableUpdate, p); got != vecSign {
		t.Errorf("Sign = %s, want %s", got, vecSign)
	}
	p["sign"] = "ignored"
	if got := lazada.Sign(vecSecret, lazada.PathSellableUpdate, p); got != vecSign {
		t.Errorf("Sign covers the sign parameter: %s", got)
	}
}

// pushRecorded runs the client's Push against a server that records the
// raw request and answers success.
func pushRecorded(t *testing.T, items []relay.Item) simkit.Request {
	t.Helper()
	srv := golden.NewRecorder(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"code":"0","request_id":"0b8d7f1e17130","data":{}}`)
	}))
	c, err := lazada.New(lazada.Config{BaseURL: srv.URL + "/rest", AppKey: vecAppKey, AppSecret: vecSecret, AccessToken: vecToken}, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Now = func() time.Time { return time.UnixMilli(vecTimestamp) }
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

// checkForm checks the request line and the form body (sorted, canonically
// encoded, signed over exactly what was sent) and returns its parameters.
func checkForm(t *testing.T, r simkit.Request) map[string]string {
	t.Helper()
	if r.Method != http.MethodPost || r.Path != "/rest"+lazada.PathSellableUpdate || r.RawQuery != "" {
		t.Errorf("request %s %s?%s, want POST /rest%s with no query", r.Method, r.Path, r.RawQuery, lazada.PathSellableUpdate)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded;charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	form, err := url.ParseQuery(string(r.Body))
	if err != nil {
		t.Fatalf("form body: %v", err)
	}
	if form.Encode() != string(r.Body) {
		t.Errorf("form body is not sorted and canonically encoded:\n%s", r.Body)
	}
	p := map[string]string{}
	for k, v := range form {
		if len(v) != 1 {
			t.Errorf("parameter %s sent %d times", k, len(v))
		}
		p[k] = v[0]
	}
	want := []string{"access_token", "app_key", "payload", "sign", "sign_method", "timestamp"}
	if got := slices.Sorted(maps.Keys(p)); !slices.Equal(got, want) {
		t.Errorf("parameters %v, want %v", got, want)
	}
	if p["app_key"] != vecAppKey || p["access_token"] != vecToken || p["sign_method"] != "sha256" || p["timestamp"] != fmt.Sprint(vecTimestamp) {
		t.Errorf("system parameters %v", p)
	}
	if s := lazada.Sign(vecSecret, lazada.PathSellableUpdate, p); p["sign"] != s {
		t.Errorf("sign %s does not cover the parameters sent (%s)", p["sign"], s)
	}
	return p
}

// replay sends the recorded bytes to the simulator, which must take them.
func replay(t *testing.T, r simkit.Request, skus []simSKU) {
	t.Helper()
	sim := lazadasim.New(lazadasim.Config{AppKey: vecAppKey, AppSecret: vecSecret, AccessToken: vecToken,
		Now: func() time.Time { return time.UnixMilli(vecTimestamp) }})
	for _, k := range skus {
		sim.AddSKU(k.item, k.sku, k.sellerSku, k.warehouse, 99, 0)
	}
	var ans struct {
		Code string `json:"code"`
	}
	if body := golden.Send(t, golden.NewServer(t, sim.Handler()), r); json.Unmarshal(body, &ans) != nil || ans.Code != "0" {
		t.Errorf("simulator refused the golden request: %s", body)
	}
}
