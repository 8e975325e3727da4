package shopify_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
)

func TestListingsFollowsPagesAndWaitsOutThrottling(t *testing.T) {
	// A bucket of 3 holds one query (cost 2): the next is THROTTLED
	// until the bucket refills, and the reader retries it. The
	// simulator's clock moves 1 ms per reading, not with the machine's
	// load, so the bucket refills by 0.2 per request: the second query
	// is throttled however fast or slow the machine is.
	var mu sync.Mutex
	now := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	step := func() time.Time { mu.Lock(); defer mu.Unlock(); now = now.Add(time.Millisecond); return now }
	sim := shopifysim.New(shopifysim.Config{AccessToken: "shpat_x", BucketSize: 3, RestoreRate: 200, Now: step})
	const n = 600 // three pages of 250
	vs := make([]shopifysim.Variant, n)
	for i := range vs {
		vs[i] = shopifysim.Variant{Product: fmt.Sprint(10 + i/3), Variant: fmt.Sprint(1000 + i),
			Item: fmt.Sprintf("gid://shopify/InventoryItem/%d", 5000+i), SKU: fmt.Sprintf(" S%d ", i), Title: "Shirt",
			Locations: []string{"gid://shopify/Location/301"}}
	}
	vs[7].Locations = append(vs[7].Locations, "gid://shopify/Location/302")
	vs[8].SKU = ""
	sim.AddVariants(vs...)
	srv := sim.Start()
	defer srv.Close()
	c, err := shopify.New(shopify.Config{BaseURL: srv.URL, AccessToken: "shpat_x"}, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ls, err := c.Listings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != n+1 {
		t.Fatalf("%d listings, want %d (one variant at two locations)", len(ls), n+1)
	}
	want := relay.Listing{Channel: relay.Shopify, SellerSKU: "S0", Item: "gid://shopify/InventoryItem/5000", Variant: "1000",
		Location: "gid://shopify/Location/301", Title: "Shirt"}
	if ls[0] != want {
		t.Errorf("first listing %+v, want %+v", ls[0], want)
	}
	if ls[7].Location == ls[8].Location && ls[7].Variant == ls[8].Variant {
		t.Errorf("variant at two locations not listed twice: %+v %+v", ls[7], ls[8])
	}
	if ls[9].SellerSKU != "" {
		t.Errorf("blank SKU read as %q", ls[9].SellerSKU)
	}
	if ls[n].Variant != fmt.Sprint(1000+n-1) {
		t.Errorf("last listing %+v: pages missed", ls[n])
	}
	queries := len(sim.Recorder.Requests())
	if queries <= 4 { // 1 locations + 3 variant pages, at least one throttled
		t.Errorf("%d queries: expected throttled ones retried", queries)
	}
}

func TestListingsRefusedToken(t *testing.T) {
	sim := shopifysim.New(shopifysim.Config{AccessToken: "right"})
	srv := sim.Start()
	defer srv.Close()
	c, _ := shopify.New(shopify.Config{BaseURL: srv.URL, AccessToken: "wrong"}, srv.Client(), nil)
	if _, err := c.Listings(context.Background()); err == nil {
		t.Fatal("listings read with a wrong token")
	}
}
