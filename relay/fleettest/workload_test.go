package fleettest

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/flashsale"
)

// background runs the workload's goroutines and collects their errors.
type background struct {
	wg   sync.WaitGroup
	mu   sync.Mutex
	errs []error
}

func (b *background) run(fn func() error) {
	b.wg.Go(func() {
		if err := fn(); err != nil {
			b.mu.Lock()
			b.errs = append(b.errs, err)
			b.mu.Unlock()
		}
	})
}

// wait waits for every goroutine and returns their errors.
func (b *background) wait() []error {
	b.wg.Wait()
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.errs
}

// feedSteady moves Steady every period until ctx ends, alternating the
// gateways: four receipts of one unit, then one unit damaged.
func (f *fleetRig) feedSteady(ctx context.Context, period time.Duration) error {
	for i := 0; ; i++ {
		if sleep(ctx, period) != nil {
			return nil
		}
		g := f.gws[i%len(f.gws)]
		var err error
		if i%5 == 4 {
			err = g.damage(ctx, Steady, 1)
		} else {
			err = g.receive(ctx, Steady, 1)
		}
		if err != nil && ctx.Err() == nil { // an append cut by the end is no failure
			return err
		}
	}
}

// sale is the flash sale's workload: buyers on the four channels, the
// warehouse picking what they bought, and Steady moving at the gateways.
type sale struct {
	window     time.Duration
	bg         background
	stopSteady context.CancelFunc
	shopped    chan struct{} // closed when every order was placed
	// bought and picked are set once shopped is closed and stop returned.
	bought, picked int64
}

// startSale starts the buyers and the pickers at once, and Steady once
// soldOut is closed: the gateways then move Steady every 500 ms, so that
// every new owner of a channel has something to push.
func (f *fleetRig) startSale(ctx context.Context, window time.Duration, soldOut <-chan struct{}) *sale {
	w := &sale{window: window, shopped: make(chan struct{})}
	steadyCtx, stop := context.WithCancel(ctx)
	w.stopSteady = stop
	w.bg.run(func() error {
		select {
		case <-soldOut:
		case <-steadyCtx.Done():
		}
		return f.feedSteady(steadyCtx, 500*time.Millisecond)
	})
	sold := make(chan bought, saleOrders)
	w.bg.run(func() (err error) {
		w.picked, err = f.pickSales(ctx, sold, 300*time.Millisecond, slices.Clone(initialStock))
		return err
	})
	go func() {
		defer close(w.shopped)
		w.bought = f.shop(ctx, flashsale.Schedule(saleOrders, window, saleSeed), sold)
		close(sold)
	}()
	return w
}

// stop stops Steady, waits for the pickers and fails t on their errors.
func (w *sale) stop(t *testing.T) {
	<-w.shopped
	w.stopSteady()
	for _, err := range w.bg.wait() {
		t.Error(err)
	}
}

// bought is one unit of Flash bought on a channel.
type bought struct {
	ch relay.Channel
	id string
	at time.Time
}

// shop places orders at their scheduled times, one goroutine per
// channel, as flashsale does, and sends each accepted one to sold.
func (f *fleetRig) shop(ctx context.Context, orders []flashsale.Order, sold chan<- bought) int64 {
	start := time.Now()
	var n atomic.Int64
	var wg sync.WaitGroup
	for _, ch := range relay.Channels() {
		wg.Go(func() {
			for _, o := range orders {
				if o.Channel != ch || sleep(ctx, time.Until(start.Add(o.At))) != nil {
					continue
				}
				if id, ok := f.market.sell(ctx, ch); ok {
					n.Add(1)
					sold <- bought{ch, id, time.Now()}
				}
			}
		})
	}
	wg.Wait()
	return n.Load()
}

// pickSales has the warehouse pick every sold unit a little after the
// sale, from the gateway that still holds Flash, until sold is closed.
// It returns how many units were picked.
func (f *fleetRig) pickSales(ctx context.Context, sold <-chan bought, delay time.Duration, held []int64) (int64, error) {
	picked := int64(0)
	for s := range sold {
		if sleep(ctx, time.Until(s.at.Add(delay))) != nil {
			return picked, ctx.Err()
		}
		i := 0
		for i < len(held) && held[i] == 0 {
			i++
		}
		if i == len(held) {
			continue // sold beyond the stock: nothing to pick
		}
		if err := f.gws[i].pick(ctx, string(s.ch)+":"+s.id); err != nil {
			return picked, err
		}
		held[i]--
		picked++
	}
	return picked, nil
}
