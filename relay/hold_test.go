package relay_test

import (
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edged/edged/relay"
)

func TestHoldDelaysPushesUntilReleaseOrExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := &scriptPusher{}
		d := relay.NewDispatcher(relay.TikTok, p, relay.DispatcherConfig{MaxHold: time.Second}, nil)
		stop := runDispatcher(t, d)
		d.Hold("order-1")
		d.Enqueue(relay.Item{Target: target(1), Qty: 5})
		time.Sleep(500 * time.Millisecond)
		if len(p.snapshot()) != 0 {
			t.Fatalf("pushed during a hold: %v", p.snapshot())
		}
		d.Release("order-1")
		synctest.Wait()
		if len(p.snapshot()) != 1 {
			t.Fatalf("%d pushes after release, want 1", len(p.snapshot()))
		}
		d.Hold("order-2") // never released: the hold expires
		d.Enqueue(relay.Item{Target: target(1), Qty: 4})
		time.Sleep(999 * time.Millisecond)
		synctest.Wait()
		if len(p.snapshot()) != 1 {
			t.Fatalf("pushed before the hold expired")
		}
		time.Sleep(2 * time.Millisecond)
		synctest.Wait()
		stop()
		if len(p.calls) != 2 || p.calls[1][0].Qty != 4 {
			t.Errorf("calls %v, want the held value pushed after MaxHold", p.calls)
		}
	})
}

// TestOverlappingHoldsCannotStarveTheChannel: orders arriving every 100 ms,
// each fetched 500 ms later, keep a hold in place at every moment; pushes
// still go out after MaxHold, then again after each further MaxHold.
func TestOverlappingHoldsCannotStarveTheChannel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := &scriptPusher{}
		d := relay.NewDispatcher(relay.Lazada, p, relay.DispatcherConfig{MaxHold: time.Second}, nil)
		stop := runDispatcher(t, d)
		for i := range 30 {
			d.Hold(fmt.Sprint("order-", i))
			if i >= 5 {
				d.Release(fmt.Sprint("order-", i-5))
			}
			d.Enqueue(relay.Item{Target: target(1), Qty: int64(100 - i)})
			time.Sleep(100 * time.Millisecond)
		}
		synctest.Wait()
		stop()
		if n := len(p.calls); n < 2 || n > 3 {
			t.Errorf("%d pushes in 3 s of overlapping holds, want one per MaxHold (1 s): %v", n, p.calls)
		}
	})
}
