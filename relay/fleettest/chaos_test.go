package fleettest

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/flashsale"
)

// The flash sale.
const (
	saleUnits  = 100
	saleOrders = 2000
	buffer     = 2
	restock    = 10 // Flash received after the sale, while relays still die
	saleSeed   = 42
)

// initialStock is the sale's stock at each gateway.
var initialStock = []int64{60, 40}

// chaosWindow is the sale window: 60 s, or EDGED_CHAOS_SECONDS (make
// soak). 60 s is BenchmarkFlashSale's window, 33 orders/s; at 80/s (25 s)
// even one relay on bbolt oversells (about 8 units in flashsale.Simulate).
func chaosWindow(t *testing.T) time.Duration {
	s := os.Getenv("EDGED_CHAOS_SECONDS")
	if s == "" {
		return 60 * time.Second
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 5 {
		t.Fatalf("EDGED_CHAOS_SECONDS=%q: want a whole number of seconds, at least 5", s)
	}
	return time.Duration(n) * time.Second
}

// TestFleetChaos: three relays on one PostgreSQL store take a flash sale
// on four channels and gateway deltas while relays are SIGKILLed and
// restarted every few seconds (a bystander during the opening burst,
// then mostly the push owner of a channel) and PostgreSQL is restarted
// once.
// At the end no unit is oversold, every delta is applied exactly once
// (the store's on hand equals the gateways' ledgers), every order is
// reserved once and every channel shows the master quantity. Failover
// times are logged; BenchmarkFailover measures them.
func TestFleetChaos(t *testing.T) {
	if os.Getenv("EDGED_CHAOS") == "" && os.Getenv("EDGED_CHAOS_SECONDS") == "" {
		t.Skip("make test runs this alone after the other packages (EDGED_CHAOS=1): " +
			"its 0-oversold check measures propagation, which a machine busy with other tests slows")
	}
	window := chaosWindow(t)
	ctx, cancel := context.WithTimeout(context.Background(), window+3*time.Minute)
	defer cancel()
	begin := time.Now()
	f := newFleet(t, 3)
	f.stockUp(ctx, t)
	c := &chaos{f: f, t: t, soldOut: make(chan struct{})}
	w := f.startSale(ctx, window, c.soldOut)
	c.run(ctx, time.Now().Add(window))
	<-w.shopped
	c.restockDuringFailover(ctx)
	w.stop(t)
	f.converge(ctx, t, w.bought, w.picked)
	f.checkSold(t, w.bought)
	c.check(t)
	c.report(t, w, time.Since(begin))
}

// checkSold fails t if the channels count other sales than the buyers,
// or more units were sold than there were.
func (f *fleetRig) checkSold(t *testing.T, bought int64) {
	onChannels := int64(0)
	for _, ch := range relay.Channels() {
		onChannels += f.market.sold(ch)
	}
	if onChannels != bought {
		t.Errorf("the channels count %d units sold, the buyers %d", onChannels, bought)
	}
	if over := bought - saleUnits; over > 0 {
		prop, _ := f.market.propagation(saleUnits)
		t.Errorf("oversold %d units: %d sold of %d (sale to every other channel p99 %v)", over, bought, saleUnits,
			flashsale.Percentile(prop, 0.99))
	}
}

// check fails t for every failover that did not complete, and for every
// relay that exited on its own.
func (c *chaos) check(t *testing.T) {
	for _, fo := range c.failovers {
		if err := fo.check(); err != nil {
			t.Errorf("%s, whose owner %s was killed at %s: %v", fo.ch, fo.from, fo.killed.Format("15:04:05.000"), err)
		}
	}
	for _, e := range c.f.unexpectedExits() {
		t.Error(e)
	}
}

// report logs the figures of the run.
func (c *chaos) report(t *testing.T, w *sale, took time.Duration) {
	f := c.f
	d := durations(c.failovers)
	prop, never := f.market.propagation(saleUnits)
	t.Logf("sold %d of %d units (%d orders over %v); %d relay kills (%d of an owner), PostgreSQL restarted once",
		w.bought, saleUnits, saleOrders, w.window, c.kills, c.ownerKills)
	t.Logf("failover (SIGKILL of the owner until another instance pushed), %d channels: p50 %v, p99 %v, max %v",
		len(d), flashsale.Percentile(d, 0.50), flashsale.Percentile(d, 0.99), flashsale.Percentile(d, 1))
	t.Logf("sale to every other channel: p50 %v, p99 %v, max %v (%d sales never reflected)",
		flashsale.Percentile(prop, 0.50), flashsale.Percentile(prop, 0.99), flashsale.Percentile(prop, 1), never)
	t.Logf("webhooks refused by a dead relay: %d, redeliveries: %d; run time %v",
		f.front.refused.Load(), f.market.redeliver.redelivered.Load(), took.Round(time.Second))
}

// stockUp receives the sale's stock at both gateways (60 and 40, in
// receipts of 10) and one unit of Steady, and waits until every channel
// offers the stock less the buffer.
func (f *fleetRig) stockUp(ctx context.Context, t *testing.T) {
	for i, units := range initialStock {
		for range units / 10 {
			if err := f.gws[i].receive(ctx, Flash, 10); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.gws[0].receive(ctx, Steady, 1); err != nil {
		t.Fatal(err)
	}
	for _, ch := range relay.Channels() {
		f.waitShown(ctx, t, ch, Flash, saleUnits-buffer)
	}
	f.makeBystander(ctx)
}

// waitShown waits until ch shows want of sku.
func (f *fleetRig) waitShown(ctx context.Context, t *testing.T, ch relay.Channel, sku string, want int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for f.market.shown(ch, sku) != want {
		if sleep(ctx, 10*time.Millisecond) != nil {
			t.Fatalf("%s shows %d of %s, want %d; %s", ch, f.market.shown(ch, sku), sku, want,
				f.diagnose(context.Background(), ch, sku))
		}
	}
}
