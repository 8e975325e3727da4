package tiktoksim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

type answer struct {
	status, code int
	errs         []int
}

func send(t *testing.T, base, path string, q url.Values, body, ctype string, sign bool) answer {
	t.Helper()
	if sign {
		q.Set("sign", tiktok.Sign("sec", path, q, []byte(body)))
	}
	req, _ := http.NewRequest(http.MethodPost, base+path+"?"+q.Encode(), strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("x-tts-access-token", "tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env struct {
		Code int
		Data struct{ Errors []struct{ Code int } }
	}
	json.NewDecoder(resp.Body).Decode(&env)
	a := answer{status: resp.StatusCode, code: env.Code}
	for _, e := range env.Data.Errors {
		a.errs = append(a.errs, e.Code)
	}
	return a
}

func TestSimulatorChecks(t *testing.T) {
	sim := tiktoksim.New(tiktoksim.Config{AppKey: "k", AppSecret: "sec", AccessToken: "tok", MinQuantity: 1})
	srv := sim.Start()
	defer srv.Close()
	sim.AddSKU("10", "1", []string{"A"}, 5, 0)
	sim.AddSKU("10", "2", []string{"A"}, 5, 1)
	path := "/product/202309/products/10/inventory/update"
	q := func(ts time.Time, cipher bool) url.Values {
		v := url.Values{"app_key": {"k"}, "timestamp": {fmt.Sprint(ts.Unix())}}
		if cipher {
			v.Set("shop_cipher", "c")
		}
		return v
	}
	body := func(id string, n int) string {
		return fmt.Sprintf(`{"skus":[{"id":"%s","inventory":[{"quantity":%d}]}]}`, id, n)
	}
	now := time.Now()
	cases := []struct {
		name string
		a    answer
		want answer
	}{
		{"ok with odd whitespace", send(t, srv.URL, path, q(now, true), "{ \"skus\" :[{\"id\":\"1\",\"inventory\":[{\"quantity\":3}]}]}", "application/json", true), answer{200, 0, nil}},
		{"bad sign", send(t, srv.URL, path, q(now, true), body("1", 3), "application/json", false), answer{401, 36009004, nil}},
		{"future timestamp", send(t, srv.URL, path, q(now.Add(time.Minute), true), body("1", 3), "application/json", true), answer{401, 36009004, nil}},
		{"no shop_cipher", send(t, srv.URL, path, q(now, false), body("1", 3), "application/json", true), answer{400, 106013, nil}},
		{"content type", send(t, srv.URL, path, q(now, true), body("1", 3), "application/json; charset=utf-8", true), answer{400, 36009022, nil}},
		{"below min quantity", send(t, srv.URL, path, q(now, true), body("1", 0), "application/json", true), answer{200, 0, []int{12052055}}},
		{"promotion lock", send(t, srv.URL, path, q(now, true), body("2", 4), "application/json", true), answer{200, 0, []int{12052393}}},
		{"duplicate sku", send(t, srv.URL, path, q(now, true), `{"skus":[{"id":"1","inventory":[{"quantity":2}]},{"id":"1","inventory":[{"quantity":2}]}]}`, "application/json", true), answer{200, 0, []int{12052553}}},
		{"foreign sku", send(t, srv.URL, path, q(now, true), body("99", 2), "application/json", true), answer{200, 0, []int{12052556}}},
	}
	for _, c := range cases {
		if c.a.status != c.want.status || c.a.code != c.want.code || fmt.Sprint(c.a.errs) != fmt.Sprint(c.want.errs) {
			t.Errorf("%s: got %+v, want %+v", c.name, c.a, c.want)
		}
	}
	if l, _ := sim.Stock.Get("1/A"); l.Available != 2 {
		t.Errorf("sku 1 = %d, want 2 (the duplicate case set it before refusing the repeat)", l.Available)
	}
}
