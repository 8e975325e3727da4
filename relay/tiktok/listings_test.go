package tiktok_test

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/simkit"
	"github.com/edged/edged/relay/tiktok"
	"github.com/edged/edged/relay/tiktok/tiktoksim"
)

func TestListingsFollowsPageTokens(t *testing.T) {
	sim := tiktoksim.New(tiktoksim.Config{AppKey: "123abc", AppSecret: "e59af819cc", AccessToken: "tts", ShopCipher: "ROW_x"})
	var ls []tiktoksim.Listing
	for i := range 250 { // three pages of 100 products
		ls = append(ls, tiktoksim.Listing{Product: fmt.Sprint(1000 + i), SKU: fmt.Sprint(5000 + i), SellerSKU: fmt.Sprintf("T%d", i),
			Title: "Cap", Warehouses: []string{"W1"}})
	}
	ls[3].Warehouses = []string{"W1", "W2"}
	sim.AddListings(ls...)
	sim.Faults.Inject(tiktok.PathProductSearch, 1, simkit.Fault{Status: 429, Body: `{"code":36009002,"message":"Too many requests"}`})
	srv := sim.Start()
	defer srv.Close()
	c, err := tiktok.New(tiktok.Config{BaseURL: srv.URL, AppKey: "123abc", AppSecret: "e59af819cc", AccessToken: "tts", ShopCipher: "ROW_x"}, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Listings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 251 {
		t.Fatalf("%d listings, want 251", len(got))
	}
	if want := (relay.Listing{Channel: relay.TikTok, SellerSKU: "T0", Item: "1000", Variant: "5000", Location: "W1", Title: "Cap"}); got[0] != want {
		t.Errorf("first listing %+v, want %+v", got[0], want)
	}
	if got[4].Location != "W2" || got[4].Variant != "5003" {
		t.Errorf("second warehouse of a SKU missing: %+v", got[4])
	}
	var tokens []string
	for _, r := range sim.Recorder.Requests() {
		q, _ := url.ParseQuery(r.RawQuery)
		if q.Get("page_size") != "100" {
			t.Errorf("page_size %q", q.Get("page_size"))
		}
		tokens = append(tokens, q.Get("page_token"))
	}
	if len(tokens) != 4 || tokens[0] != "" || tokens[1] != "" || tokens[2] == "" || tokens[3] == tokens[2] {
		t.Errorf("page tokens %q: want a throttled first page, then two distinct tokens", tokens)
	}
}

func TestListingsBadSign(t *testing.T) {
	sim := tiktoksim.New(tiktoksim.Config{AppKey: "123abc", AppSecret: "right", AccessToken: "tts", ShopCipher: "ROW_x"})
	srv := sim.Start()
	defer srv.Close()
	c, _ := tiktok.New(tiktok.Config{BaseURL: srv.URL, AppKey: "123abc", AppSecret: "wrong", AccessToken: "tts", ShopCipher: "ROW_x"}, srv.Client(), nil)
	if _, err := c.Listings(context.Background()); err == nil {
		t.Fatal("listings read with a wrong signature")
	}
}
