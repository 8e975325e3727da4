package lazada_test

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/lazada/lazadasim"
	"github.com/edged/edged/relay/simkit"
)

func TestListingsFollowsOffsetsAndRetriesThrottling(t *testing.T) {
	sim := lazadasim.New(lazadasim.Config{AppKey: "123456", AppSecret: "helloworld", AccessToken: "tok"})
	var ls []lazadasim.Listing
	for i := range 120 { // 120 products of 2 SKUs: three pages of 50 products
		for j := range 2 {
			ls = append(ls, lazadasim.Listing{ItemID: fmt.Sprint(1000 + i), SkuID: fmt.Sprint(5000 + 2*i + j), SellerSku: fmt.Sprintf("L%d-%d", i, j)})
		}
	}
	ls[0].Warehouse = "dropshipping"
	sim.AddListings(ls...)
	sim.Faults.Inject("/rest/products/get", 1, simkit.Fault{Status: 429, Body: `{"code":"ApiCallLimit"}`, RetryAfter: "0"})
	srv := sim.Start()
	defer srv.Close()
	c, err := lazada.New(lazada.Config{BaseURL: srv.URL + "/rest", AppKey: "123456", AppSecret: "helloworld", AccessToken: "tok"}, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Listings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 240 {
		t.Fatalf("%d listings, want 240", len(got))
	}
	want := relay.Listing{Channel: relay.Lazada, SellerSKU: "L0-0", Item: "1000", Variant: "5000", Location: "dropshipping", Title: "Product 1000"}
	if got[0] != want {
		t.Errorf("first listing %+v, want %+v", got[0], want)
	}
	var offsets []string
	for _, r := range sim.Recorder.Requests() {
		q, _ := url.ParseQuery(r.RawQuery)
		if q.Get("limit") != "50" || q.Get("filter") != "all" || q.Get("sign") == "" {
			t.Errorf("request %s: want signed, limit 50, filter all", r.RawQuery)
		}
		offsets = append(offsets, q.Get("offset"))
	}
	if fmt.Sprint(offsets) != "[0 0 50 100]" { // the first was throttled
		t.Errorf("offsets %v, want [0 0 50 100]", offsets)
	}
}

func TestListingsBadSecret(t *testing.T) {
	sim := lazadasim.New(lazadasim.Config{AppKey: "123456", AppSecret: "helloworld", AccessToken: "tok"})
	srv := sim.Start()
	defer srv.Close()
	c, _ := lazada.New(lazada.Config{BaseURL: srv.URL + "/rest", AppKey: "123456", AppSecret: "nope", AccessToken: "tok"}, srv.Client(), nil)
	if _, err := c.Listings(context.Background()); err == nil {
		t.Fatal("listings read with a wrong signature")
	}
}
