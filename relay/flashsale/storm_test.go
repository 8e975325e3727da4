package flashsale_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/flashsale"
	"github.com/edged/edged/relay/simkit"
	"github.com/edged/edged/relay/stock"
)

// runRig starts a rig and returns it with a stop function that waits for
// its goroutines.
func runRig(t *testing.T, buffer int64) (*flashsale.Rig, func()) {
	t.Helper()
	r, err := flashsale.NewRig(context.Background(), flashsale.Options{Dir: t.TempDir(), SafetyBuffer: buffer})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	return r, func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
		r.Close()
	}
}

// TestStormsAndThrottlingLoseNothing: a 5xx storm on TikTok, Lazada's
// 901 throttling, Shopify THROTTLED and Shopee busy answers while stock
// moves; once they pass, every channel shows the right quantity and the
// failures are counted in the status.
func TestStormsAndThrottlingLoseNothing(t *testing.T) {
	r, stop := runRig(t, 0)
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	r.TikTok.Faults.Inject("", 4, simkit.Fault{Status: 503, Body: `{"code":36009003,"message":"internal error"}`})
	r.Lazada.Faults.Inject("", 3, simkit.Fault{Status: 200, Body: `{"code":"901","type":"ISP","message":"Limit service request speed"}`})
	r.Shopify.Faults.Inject("", 2, simkit.Fault{Status: 200, Body: `{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],"extensions":{"cost":{"requestedQueryCost":10,"throttleStatus":{"currentlyAvailable":0,"restoreRate":100}}}}`})
	r.Shopee.Faults.Inject("", 3, simkit.Fault{Status: 200, Body: `{"error":"error_system_busy","message":"busy"}`})
	for seq, q := range []int64{10, -3, 5} {
		kind := stock.Receive
		if q < 0 {
			kind = stock.Pick
		}
		if err := r.Engine.ApplyDelta(ctx, "gw1", uint64(seq+1), stock.Delta{SKU: flashsale.SKU, Site: flashsale.Site, Kind: kind, Qty: q}); err != nil {
			t.Fatal(err)
		}
	}
	recovered := func() bool {
		for _, d := range r.Dispatchers {
			if d.Status().LastError != "" {
				return false
			}
		}
		return r.Settled(0, 12)
	}
	if err := r.WaitFor(ctx, recovered); err != nil {
		t.Fatalf("not settled after the storm: %v", err)
	}
	for _, ch := range []relay.Channel{relay.TikTok, relay.Lazada, relay.Shopify, relay.Shopee} {
		if s := r.Dispatchers[ch].Status(); s.Failed == 0 || len(s.Permanent) != 0 || s.LastError != "" {
			t.Errorf("%s status after recovery: %+v", ch, s)
		}
	}
}

// TestForgedAndReplayedWebhooks: forged deliveries get 401 and change
// nothing; duplicated and reordered ones reserve once.
func TestForgedAndReplayedWebhooks(t *testing.T) {
	r, stop := runRig(t, 0)
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := r.Engine.ApplyDelta(ctx, "gw1", 1, stock.Delta{SKU: flashsale.SKU, Site: flashsale.Site, Kind: stock.Receive, Qty: 10}); err != nil {
		t.Fatal(err)
	}
	if err := r.WaitFor(ctx, func() bool { return r.Settled(0, 10) }); err != nil {
		t.Fatal(err)
	}
	for _, e := range []*simkit.Emitter{&r.Shopify.Emitter, &r.Lazada.Emitter, &r.Shopee.Emitter, &r.TikTok.Emitter} {
		e.Duplicate, e.ReorderEvery = true, 2
	}
	r.Shopify.ForgeNextWebhook()
	r.Shopify.Emitter.Retries = 0
	sold := int64(0)
	for range 2 {
		for _, ch := range relay.Channels() {
			if r.Sell(ctx, ch) {
				sold++
			}
		}
	}
	for _, e := range []*simkit.Emitter{&r.Shopify.Emitter, &r.Lazada.Emitter, &r.Shopee.Emitter, &r.TikTok.Emitter} {
		if err := e.Flush(ctx); err != nil && !strings.Contains(err.Error(), "401") {
			t.Error(err)
		}
	}
	// The forged orders/create and its duplicate were refused; the genuine
	// orders/paid of the same order still reserves it.
	if err := r.WaitFor(ctx, func() bool { return r.Settled(sold, 10-sold) }); err != nil {
		t.Fatalf("sold %d, level %+v: %v", sold, r.Engine.Level(flashsale.SKU, flashsale.Site), err)
	}
	if c := r.Engine.Counters(); c.DuplicateEvents == 0 {
		t.Errorf("no duplicates seen: %+v", c)
	}
	if _, f := r.Shopify.Emitter.Stats(); f != 2 {
		t.Errorf("forged deliveries failed %d times, want 2 (401 for the delivery and its duplicate)", f)
	}
}

// TestPlatformChangesAreRepairedByReconciliation: Lazada zeroes a SKU on
// an out-of-stock cancellation and an unpaid order expires; the relay
// releases the reservations and a reconciliation pass puts the right
// quantity back.
func TestPlatformChangesAreRepairedByReconciliation(t *testing.T) {
	r, stop := runRig(t, 0)
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := r.Engine.ApplyDelta(ctx, "gw1", 1, stock.Delta{SKU: flashsale.SKU, Site: flashsale.Site, Kind: stock.Receive, Qty: 10}); err != nil {
		t.Fatal(err)
	}
	if err := r.WaitFor(ctx, func() bool { return r.Settled(0, 10) }); err != nil {
		t.Fatal(err)
	}
	a, _ := r.Lazada.Sell(ctx, "4001", 1)
	b, _ := r.Lazada.Sell(ctx, "4001", 1)
	if err := r.WaitFor(ctx, func() bool { return r.Settled(2, 8) }); err != nil {
		t.Fatal(err)
	}
	r.Lazada.CancelOutOfStock(ctx, a)
	if !r.Lazada.ExpireUnpaid(ctx, b) {
		t.Fatal("order b was not unpaid")
	}
	if err := r.WaitFor(ctx, func() bool { return r.Engine.Level(flashsale.SKU, flashsale.Site).Reserved == 0 }); err != nil {
		t.Fatal(err)
	}
	r.Engine.PushAll() // what Reconcile does every period
	if err := r.WaitFor(ctx, func() bool { return r.Settled(0, 10) }); err != nil {
		t.Errorf("lazada shows %d after reconciliation, want 10: %v", r.Shown(relay.Lazada), err)
	}
}

// TestCampaignLockOnTikTokReducesOtherChannels: TikTok fences 3 units for
// a campaign and says so in a type-27 webhook; the other channels drop by 3.
func TestCampaignLockOnTikTokReducesOtherChannels(t *testing.T) {
	r, stop := runRig(t, 0)
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := r.Engine.ApplyDelta(ctx, "gw1", 1, stock.Delta{SKU: flashsale.SKU, Site: flashsale.Site, Kind: stock.Receive, Qty: 10}); err != nil {
		t.Fatal(err)
	}
	if err := r.WaitFor(ctx, func() bool { return r.Settled(0, 10) }); err != nil {
		t.Fatal(err)
	}
	r.TikTok.SetCampaign(ctx, "7001", "8001", "9001", 3)
	others := func() bool {
		return r.Shown(relay.Shopify) == 7 && r.Shown(relay.Lazada) == 7 && r.Shown(relay.Shopee) == 7 && r.Shown(relay.TikTok) == 10
	}
	if err := r.WaitFor(ctx, others); err != nil {
		t.Errorf("after a TikTok campaign of 3: shopify %d lazada %d shopee %d tiktok %d: %v", r.Shown(relay.Shopify),
			r.Shown(relay.Lazada), r.Shown(relay.Shopee), r.Shown(relay.TikTok), err)
	}
}

// TestCancellationsOnEveryChannelRelease: an order and its cancellation on
// each channel, through each channel's own notification, leave no
// reservation and every channel back at the full quantity.
func TestCancellationsOnEveryChannelRelease(t *testing.T) {
	r, stop := runRig(t, 0)
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := r.Engine.ApplyDelta(ctx, "gw1", 1, stock.Delta{SKU: flashsale.SKU, Site: flashsale.Site, Kind: stock.Receive, Qty: 10}); err != nil {
		t.Fatal(err)
	}
	if err := r.WaitFor(ctx, func() bool { return r.Settled(0, 10) }); err != nil {
		t.Fatal(err)
	}
	sh, _ := r.Shopify.Sell(ctx, "2001", 1)
	lz, _ := r.Lazada.Sell(ctx, "4001", 1)
	se, _ := r.Shopee.Sell(ctx, 5001, 0, 1)
	tt, _ := r.TikTok.Sell(ctx, "7001", "8001", "9001", 1)
	if err := r.WaitFor(ctx, func() bool { return r.Settled(4, 6) }); err != nil {
		t.Fatalf("orders not reserved: %+v: %v", r.Engine.Level(flashsale.SKU, flashsale.Site), err)
	}
	r.Shopify.Cancel(ctx, sh, "2001", 1)
	r.Lazada.Cancel(ctx, lz)
	r.Shopee.Cancel(ctx, se)
	r.TikTok.Cancel(ctx, tt)
	if err := r.WaitFor(ctx, func() bool { return r.Settled(0, 10) }); err != nil {
		t.Errorf("cancellations not released: %+v, reservations %+v: %v", r.Engine.Level(flashsale.SKU, flashsale.Site), r.Engine.Reservations(), err)
	}
}
