package stock_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

func viewOf(t *testing.T, v stock.View, sku string) stock.SKUView {
	t.Helper()
	for _, s := range v.SKUs {
		if s.SKU == sku {
			return s
		}
	}
	t.Fatalf("%s not in the view", sku)
	return stock.SKUView{}
}

func TestViewShowsSitesLocksAndListings(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, stock.Config{SafetyBuffer: 1, ChannelBuffer: map[string]int64{"tiktok": 3}}, nil)
	if err := r.eng.ApplyDelta(ctx, "gw", 1, stock.Delta{SKU: "TEE-RED-M", Site: "wh1", Kind: stock.Receive, Qty: 10}); err != nil {
		t.Fatal(err)
	}
	lz := r.target(t, relay.Lazada, "TEE-RED-M")
	err := r.eng.AcceptOrder(ctx, relay.OrderEvent{Channel: relay.Lazada, EventID: "e1", OrderID: "o1", Status: relay.OrderOpen,
		Lines: []relay.OrderLine{{Item: lz.Item, Variant: lz.Variant, Qty: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.eng.SetLock(ctx, relay.Shopee, "TEE-RED-M", 4); err != nil {
		t.Fatal(err)
	}
	v := r.eng.View()
	if v.Version != r.eng.Version() {
		t.Errorf("view version %d, engine at %d", v.Version, r.eng.Version())
	}
	tee := viewOf(t, v, "TEE-RED-M")
	if len(tee.Sites) != 1 || tee.Sites[0] != (stock.SiteLevel{Site: "wh1", OnHand: 10, Reserved: 2}) {
		t.Errorf("sites %+v, want wh1 10 on hand 2 reserved", tee.Sites)
	}
	if tee.Locks[relay.Shopee] != 4 {
		t.Errorf("locks %v, want shopee 4", tee.Locks)
	}
	want := map[relay.Channel]struct{ buffer, offered int64 }{
		relay.Shopify: {1, 10 - 2 - 1 - 4}, relay.Lazada: {1, 3}, relay.Shopee: {1, 10 - 2 - 1}, relay.TikTok: {3, 10 - 2 - 3 - 4},
	}
	for _, l := range tee.Listings {
		w := want[l.Target.Channel]
		if l.Buffer != w.buffer || l.Offered != w.offered {
			t.Errorf("%s: buffer %d offered %d, want %d %d", l.Target.Channel, l.Buffer, l.Offered, w.buffer, w.offered)
		}
		if !l.Pending || l.Told != -1 || l.Changed.IsZero() {
			t.Errorf("%s: pending %v told %d changed %v; nothing was confirmed yet", l.Target.Channel, l.Pending, l.Told, l.Changed)
		}
	}
	if len(tee.Listings) != 4 {
		t.Errorf("%d listings, want 4", len(tee.Listings))
	}
	assertViewOffersWhatTheEngineComputes(t, r.eng, v)
}

// assertViewOffersWhatTheEngineComputes: the view computes quantities
// from its copy; they must be the ones the engine pushes.
func assertViewOffersWhatTheEngineComputes(t *testing.T, eng *stock.Engine, v stock.View) {
	t.Helper()
	for _, s := range v.SKUs {
		for _, l := range s.Listings {
			if q := eng.Quantity(l.Target); l.Offered != q {
				t.Errorf("%s on %s at %s: the view offers %d, the engine %d", s.SKU, l.Target.Channel, l.Target.Site, l.Offered, q)
			}
		}
	}
}

func TestViewShowsWhatWasTold(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, stock.Config{}, nil)
	if err := r.eng.ApplyDelta(ctx, "gw", 1, stock.Delta{SKU: "MUG-BLUE", Site: "wh1", Kind: stock.Receive, Qty: 5}); err != nil {
		t.Fatal(err)
	}
	before := r.eng.Version()
	sp := r.target(t, relay.Shopee, "MUG-BLUE")
	const gen = 1 // the first generation of a new outbox row
	if err := r.eng.Confirm(ctx, []relay.Item{{Target: sp, Qty: 5, Gen: gen}}, 1); err != nil {
		t.Fatal(err)
	}
	v := r.eng.View()
	if v.Version == before {
		t.Error("a confirmation did not move the version the console polls")
	}
	for _, l := range viewOf(t, v, "MUG-BLUE").Listings {
		switch l.Target.Channel {
		case relay.Shopee:
			if l.Pending || l.Told != 5 || l.ToldAt.IsZero() {
				t.Errorf("shopee: pending %v told %d at %v, want told 5", l.Pending, l.Told, l.ToldAt)
			}
		case relay.Shopify:
			if !l.Pending || l.Told != -1 {
				t.Errorf("shopify: pending %v told %d, want pending and never told", l.Pending, l.Told)
			}
		}
	}
}

func TestViewListsStockedSKUsWithoutListings(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	if err := r.eng.ApplyDelta(context.Background(), "gw", 1, stock.Delta{SKU: "UNMAPPED", Site: "wh2", Kind: stock.Receive, Qty: 3}); err != nil {
		t.Fatal(err)
	}
	v := r.eng.View()
	u := viewOf(t, v, "UNMAPPED")
	if len(u.Listings) != 0 || len(u.Sites) != 1 || u.Sites[0].OnHand != 3 {
		t.Errorf("unmapped SKU %+v, want 3 on hand at wh2 and no listings", u)
	}
	for i := 1; i < len(v.SKUs); i++ {
		if v.SKUs[i-1].SKU >= v.SKUs[i].SKU {
			t.Errorf("SKUs not sorted: %q before %q", v.SKUs[i-1].SKU, v.SKUs[i].SKU)
		}
	}
}

// BenchmarkView is the console's stock after a commit: 10,000 SKUs
// stocked at one site and listed on 4 channels.
func BenchmarkView(b *testing.B) {
	var csv strings.Builder
	csv.WriteString("channel,sku,site,item,variant,location,seller_sku\n")
	for i := range 10000 {
		fmt.Fprintf(&csv, "shopify,S%05d,wh1,gid://shopify/InventoryItem/%d,%d,gid://shopify/Location/1,\n", i, i, i)
		fmt.Fprintf(&csv, "lazada,S%05d,wh1,%d,%d,,\nshopee,S%05d,wh1,%d,%d,,\ntiktok,S%05d,wh1,%d,%d,,\n", i, i, i, i, i, i, i, i, i)
	}
	m, err := stock.ParseMapping(strings.NewReader(csv.String()), "bench.csv")
	if err != nil {
		b.Fatal(err)
	}
	s := openStore(b, newStorePath(b))
	b.Cleanup(func() { s.Close() })
	out := map[relay.Channel]stock.Enqueuer{}
	for _, ch := range relay.Channels() {
		out[ch] = &sink{}
	}
	eng, err := stock.New(context.Background(), stock.Options{Store: s, Mapping: m, Out: out})
	if err != nil {
		b.Fatal(err)
	}
	batch := make([]stock.Sequenced, 10000)
	for i := range batch {
		batch[i] = stock.Sequenced{Seq: uint64(i + 1), Delta: stock.Delta{SKU: fmt.Sprintf("S%05d", i), Site: "wh1", Kind: stock.Receive, Qty: 5}}
	}
	if _, err := eng.ApplyBatch(context.Background(), "gw", batch); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if v := eng.View(); len(v.SKUs) != 10000 {
			b.Fatalf("%d SKUs", len(v.SKUs))
		}
	}
}
