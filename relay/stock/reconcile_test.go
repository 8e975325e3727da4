package stock_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

func TestReconcilePushesEveryListingPeriodically(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := newRig(t, stock.Config{}, nil)
		receive(t, r, "gw1", 1, 10)
		before := r.out[relay.Shopee].n
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { done <- r.eng.Reconcile(ctx, time.Minute) }()
		time.Sleep(3*time.Minute + time.Second)
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("Reconcile returned %v", err)
		}
		if got := r.out[relay.Shopee].n - before; got != 6 { // 2 shopee listings × 3 ticks
			t.Errorf("%d shopee items in 3 periods, want 6", got)
		}
	})
}
