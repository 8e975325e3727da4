package lazadasim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
)

func call(t *testing.T, base string, p map[string]string, mutate func(map[string]string)) string {
	t.Helper()
	p["sign"] = lazada.Sign("helloworld", "/product/stock/sellable/update", p)
	if mutate != nil {
		mutate(p)
	}
	form := url.Values{}
	for k, v := range p {
		form.Set(k, v)
	}
	resp, err := http.PostForm(base+"/rest/product/stock/sellable/update", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env struct{ Code string }
	json.NewDecoder(resp.Body).Decode(&env)
	return env.Code
}

func payload(n int) string {
	var b strings.Builder
	b.WriteString("<Request><Product><Skus>")
	for i := range n {
		fmt.Fprintf(&b, "<Sku><ItemId>9</ItemId><SkuId>%d</SkuId><SellableQuantity>1</SellableQuantity></Sku>", i)
	}
	b.WriteString("</Skus></Product></Request>")
	return b.String()
}

func TestSimulatorChecks(t *testing.T) {
	sim := lazadasim.New(lazadasim.Config{AppKey: "k", AppSecret: "helloworld", AccessToken: "tok", Strict20: true})
	srv := sim.Start()
	defer srv.Close()
	for i := range 60 {
		sim.AddSKU("9", fmt.Sprint(i), "", "", 0, 0)
	}
	params := func(n int, ts time.Time) map[string]string {
		return map[string]string{"app_key": "k", "access_token": "tok", "sign_method": "sha256",
			"timestamp": fmt.Sprint(ts.UnixMilli()), "payload": payload(n)}
	}
	now := time.Now()
	cases := []struct {
		name   string
		p      map[string]string
		mutate func(map[string]string)
		want   string
	}{
		{"ok", params(3, now), nil, "0"},
		{"stale timestamp", params(1, now.Add(-2*time.Hour-time.Minute)), nil, "InvalidTimestamp"},
		{"bad sign", params(1, now), func(p map[string]string) { p["payload"] = payload(2) }, "IncompleteSignature"},
		{"no token", params(1, now), func(p map[string]string) { delete(p, "access_token") }, "MissingParameter"},
		{"over 50", params(51, now), nil, "204"},
		{"over 20 in strict mode", params(21, now), nil, "513"},
	}
	for _, c := range cases {
		if got := call(t, srv.URL, c.p, c.mutate); got != c.want {
			t.Errorf("%s: code %s, want %s", c.name, got, c.want)
		}
	}
	if l, _ := sim.Stock.Get("2"); l.Available != 1 {
		t.Errorf("accepted update not applied: %+v", l)
	}
}

// TestWarehouseShape: a single-warehouse seller must not send the
// multi-warehouse form at all, not even an empty MultiWarehouseInventories
// element (the encoding/xml omitempty trap), and a multi-warehouse seller
// must not send a plain SellableQuantity.
func TestWarehouseShape(t *testing.T) {
	sim := lazadasim.New(lazadasim.Config{AppKey: "k", AppSecret: "helloworld", AccessToken: "tok"})
	srv := sim.Start()
	defer srv.Close()
	sim.AddSKU("9", "1", "S1", "", 5, 0)
	sim.AddSKU("9", "2", "S2", "WH-A", 5, 0)
	const multi = "<MultiWarehouseInventories><MultiWarehouseInventory><WarehouseCode>WH-A</WarehouseCode><SellableQuantity>7</SellableQuantity></MultiWarehouseInventory></MultiWarehouseInventories>"
	cases := []struct {
		name, sku, body, want string
	}{
		{"single, plain", "1", "<SellableQuantity>7</SellableQuantity>", "0"},
		{"single, empty multi element", "1", "<SellableQuantity>7</SellableQuantity><MultiWarehouseInventories></MultiWarehouseInventories>", "501"},
		{"single, self-closed multi element", "1", "<SellableQuantity>7</SellableQuantity><MultiWarehouseInventories/>", "501"},
		{"single, multi form", "1", strings.ReplaceAll(multi, "WH-A", ""), "501"},
		{"single, both forms", "1", "<SellableQuantity>7</SellableQuantity>" + multi, "501"},
		{"multi, multi form", "2", multi, "0"},
		{"multi, plain", "2", "<SellableQuantity>7</SellableQuantity>", "501"},
		{"multi, both forms", "2", "<SellableQuantity>7</SellableQuantity>" + multi, "501"},
		{"multi, empty multi element", "2", "<MultiWarehouseInventories></MultiWarehouseInventories>", "501"},
		{"multi, other warehouse", "2", strings.ReplaceAll(multi, "WH-A", "WH-B"), "501"},
	}
	for _, c := range cases {
		sim.Stock.SetAvailable(c.sku, 5)
		p := map[string]string{"app_key": "k", "access_token": "tok", "sign_method": "sha256", "timestamp": fmt.Sprint(time.Now().UnixMilli()),
			"payload": "<Request><Product><Skus><Sku><ItemId>9</ItemId><SkuId>" + c.sku + "</SkuId>" + c.body + "</Sku></Skus></Product></Request>"}
		if got := call(t, srv.URL, p, nil); got != c.want {
			t.Errorf("%s: code %s, want %s", c.name, got, c.want)
		}
		want := int64(5)
		if c.want == "0" {
			want = 7
		}
		if l, _ := sim.Stock.Get(c.sku); l.Available != want {
			t.Errorf("%s: sellable %d, want %d", c.name, l.Available, want)
		}
	}
}
