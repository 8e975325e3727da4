package shopee_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopee/shopeesim"
	"github.com/edged/edged/relay/simkit"
)

func TestListingsReadsItemsBaseInfoAndModels(t *testing.T) {
	sim := shopeesim.New(shopeesim.Config{PartnerID: 2001887, PartnerKey: "testpartnerkey", ShopID: 14701711, AccessToken: "acc"})
	var ls []shopeesim.Listing
	for i := range 230 { // items without variants: 3 pages of 100, 5 base info calls
		ls = append(ls, shopeesim.Listing{ItemID: int64(100 + i), SKU: fmt.Sprintf("I%d", i), Name: "Mug"})
	}
	for i := range 3 { // items with two models each
		for m := range 2 {
			ls = append(ls, shopeesim.Listing{ItemID: int64(900 + i), ModelID: int64(10*i + m + 1), SKU: fmt.Sprintf("M%d-%d", i, m), ItemSKU: "parent", Name: "Tee"})
		}
	}
	sim.AddListings(ls...)
	sim.Faults.Inject(shopee.PathItemList, 1, simkit.Fault{Status: 200, Body: `{"error":"error_system_busy","message":"busy"}`})
	srv := sim.Start()
	defer srv.Close()
	c, err := shopee.New(shopee.Config{BaseURL: srv.URL, PartnerID: 2001887, PartnerKey: "testpartnerkey", ShopID: 14701711, AccessToken: "acc"}, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Listings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 236 {
		t.Fatalf("%d listings, want 236", len(got))
	}
	if want := (relay.Listing{Channel: relay.Shopee, SellerSKU: "I0", Item: "100", Variant: "0", Title: "Mug"}); got[0] != want {
		t.Errorf("first listing %+v, want %+v", got[0], want)
	}
	if want := (relay.Listing{Channel: relay.Shopee, SellerSKU: "M2-1", Item: "902", Variant: "22", Title: "Tee"}); got[235] != want {
		t.Errorf("last listing %+v, want %+v", got[235], want)
	}
	calls := map[string]int{}
	for _, r := range sim.Recorder.Requests() {
		calls[r.Path]++
		q, _ := url.ParseQuery(r.RawQuery)
		if q.Get("sign") == "" || q.Get("access_token") == "" {
			t.Errorf("unsigned request %s", r.Path)
		}
		if r.Path == shopee.PathItemBaseInfo && len(strings.Split(q.Get("item_id_list"), ",")) > 50 {
			t.Errorf("base info of more than 50 items")
		}
	}
	if calls[shopee.PathItemList] != 4 || calls[shopee.PathItemBaseInfo] != 5 || calls[shopee.PathModelList] != 3 {
		t.Errorf("calls %v, want 4 item list (one busy), 5 base info, 3 model lists", calls)
	}
}

func TestListingsMultiWarehouse(t *testing.T) {
	sim := shopeesim.New(shopeesim.Config{PartnerID: 1, PartnerKey: "k", ShopID: 2, AccessToken: "acc"})
	sim.AddListings(shopeesim.Listing{ItemID: 7, ModelID: 3, SKU: "A", Location: "SGZ"})
	srv := sim.Start()
	defer srv.Close()
	c, _ := shopee.New(shopee.Config{BaseURL: srv.URL, PartnerID: 1, PartnerKey: "k", ShopID: 2, AccessToken: "acc"}, srv.Client(), nil)
	got, err := c.Listings(context.Background())
	if err != nil || len(got) != 1 || got[0].Location != "SGZ" || got[0].Variant != "3" {
		t.Fatalf("got %+v, %v", got, err)
	}
}
