package shopeesim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
)

type answer struct {
	Error    string
	Response struct {
		FailureList []struct {
			FailedReason string `json:"failed_reason"`
		} `json:"failure_list"`
	}
}

func TestSimulatorChecks(t *testing.T) {
	sim := shopeesim.New(shopeesim.Config{PartnerID: 7, PartnerKey: "pk", ShopID: 9, AccessToken: "acc", RefreshToken: "ref"})
	srv := sim.Start()
	defer srv.Close()
	sim.AddModel(100, 1, "", 5, 3)
	sim.AddModel(100, 2, "", 5, 0)
	path := "/api/v2/product/update_stock"
	post := func(ts time.Time, sign, body string) answer {
		q := url.Values{"partner_id": {"7"}, "timestamp": {fmt.Sprint(ts.Unix())}, "access_token": {"acc"}, "shop_id": {"9"}}
		if sign == "" {
			sign = shopee.Sign("pk", 7, path, ts.Unix(), "acc", 9)
		}
		q.Set("sign", sign)
		resp, err := http.Post(srv.URL+path+"?"+q.Encode(), "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var a answer
		json.NewDecoder(resp.Body).Decode(&a)
		return a
	}
	entry := func(model, stock int) string {
		return fmt.Sprintf(`{"model_id":%d,"seller_stock":[{"stock":%d}]}`, model, stock)
	}
	list := func(es ...string) string { return `{"item_id":100,"stock_list":[` + strings.Join(es, ",") + `]}` }
	now := time.Now()
	many := make([]string, 51)
	for i := range many {
		many[i] = entry(1, 4)
	}
	cases := []struct {
		name, err, failure string
		a                  answer
	}{
		{"ok", "", "", post(now, "", list(entry(2, 7)))},
		{"stale timestamp", "error_param", "", post(now.Add(-6*time.Minute), "", list(entry(2, 7)))},
		{"wrong sign", "error_sign", "", post(now, strings.Repeat("0", 64), list(entry(2, 7)))},
		{"over 50", "error_param", "", post(now, "", list(many...))},
		{"below reserved", "", "Stock should be larger than reserved stock.", post(now, "", list(entry(1, 2)))},
		{"repeated model", "", "Repeated model_id.", post(now, "", list(entry(2, 1), entry(2, 1)))},
		{"model 0 on a variant item", "", "model_id 0 does not belong to item 100.", post(now, "", list(entry(0, 1)))},
	}
	for _, c := range cases {
		got := ""
		if fl := c.a.Response.FailureList; len(fl) > 0 {
			got = fl[len(fl)-1].FailedReason
		}
		if c.a.Error != c.err || got != c.failure {
			t.Errorf("%s: error %q failure %q, want %q %q", c.name, c.a.Error, got, c.err, c.failure)
		}
	}
	sim.ExpireTokens()
	if a := post(now, "", list(entry(2, 7))); a.Error != "error_auth" {
		t.Errorf("expired token: %q", a.Error)
	}
}
