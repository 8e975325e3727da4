package relay_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edged/edged/relay"
)

// scriptPusher fails according to errs (one per call) then succeeds.
type scriptPusher struct {
	mu    sync.Mutex
	errs  []error
	calls [][]relay.Item
	at    []time.Time
}

func (p *scriptPusher) Push(ctx context.Context, items []relay.Item) []relay.Result {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, items)
	p.at = append(p.at, time.Now())
	var err error
	if len(p.errs) > 0 {
		err, p.errs = p.errs[0], p.errs[1:]
	}
	out := make([]relay.Result, len(items))
	for i, it := range items {
		out[i] = relay.Result{Item: it, Err: err}
	}
	return out
}

func target(n int) relay.Target {
	return relay.Target{Channel: relay.Lazada, SKU: fmt.Sprint("S", n), Item: "1", Variant: fmt.Sprint(n)}
}

func runDispatcher(t *testing.T, d *relay.Dispatcher) func() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- d.Run(ctx) }()
	return func() {
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v", err)
		}
	}
}

func TestDispatcherCoalescesLatestValue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := &scriptPusher{}
		d := relay.NewDispatcher(relay.Lazada, p, relay.DispatcherConfig{}, nil)
		for q := range int64(50) {
			d.Enqueue(relay.Item{Target: target(1), Qty: q})
			d.Enqueue(relay.Item{Target: target(2), Qty: 100 + q})
		}
		stop := runDispatcher(t, d)
		synctest.Wait()
		stop()
		if len(p.calls) != 1 || len(p.calls[0]) != 2 {
			t.Fatalf("calls %v, want one push of two items", p.calls)
		}
		for _, it := range p.calls[0] {
			if it.Qty != 49 && it.Qty != 149 {
				t.Errorf("pushed stale %d", it.Qty)
			}
		}
		if s := d.Status(); s.Pushed != 2 || s.Pending != 0 {
			t.Errorf("status %+v", s)
		}
	})
}

func TestDispatcherHonoursRetryAfterAndBacksOff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		throttled := &relay.RetryAfterError{After: 2 * time.Second, Err: relay.ErrThrottled}
		p := &scriptPusher{errs: []error{throttled, relay.ErrUnavailable, relay.ErrUnavailable}}
		d := relay.NewDispatcher(relay.Lazada, p, relay.DispatcherConfig{MinBackoff: time.Second}, nil)
		stop := runDispatcher(t, d)
		d.Enqueue(relay.Item{Target: target(1), Qty: 5})
		time.Sleep(time.Minute)
		stop()
		if len(p.at) != 4 {
			t.Fatalf("%d attempts, want 4", len(p.at))
		}
		want := []time.Duration{2 * time.Second, 2 * time.Second, 4 * time.Second} // max(Retry-After, 1s·2ⁿ)
		for i, w := range want {
			if got := p.at[i+1].Sub(p.at[i]); got != w {
				t.Errorf("gap %d = %v, want %v", i, got, w)
			}
		}
		if s := d.Status(); s.Pushed != 1 || s.Retried != 3 || s.LastError != "" {
			t.Errorf("status %+v", s)
		}
	})
}

func TestDispatcherRecordsPermanentErrors(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		perm := fmt.Errorf("NON_MUTABLE_INVENTORY_ITEM: %w", relay.ErrPermanent)
		p := &scriptPusher{errs: []error{perm}}
		d := relay.NewDispatcher(relay.Shopify, p, relay.DispatcherConfig{}, nil)
		stop := runDispatcher(t, d)
		d.Enqueue(relay.Item{Target: target(1), Qty: 5})
		time.Sleep(time.Minute)
		if s := d.Status(); len(s.Permanent) != 1 || s.Failed != 1 || len(p.calls) != 1 {
			t.Errorf("permanent failure was retried or not recorded: %+v, %d calls", s, len(p.calls))
		}
		d.Enqueue(relay.Item{Target: target(1), Qty: 6})
		synctest.Wait()
		stop()
		if s := d.Status(); len(s.Permanent) != 0 {
			t.Errorf("success did not clear the permanent error: %+v", s)
		}
	})
}

// A token learnt at run time is redacted from the errors the status
// shows, though no pattern finds it.
func TestDispatcherStatusRedactsTheSecrets(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const renewed = "shpat-renewed-0123456789"
		secrets := relay.NewSecrets("app-secret-pinned")
		secrets.Add(renewed)
		perm := fmt.Errorf("HTTP 401: token %s for app-secret-pinned refused: %w", renewed, relay.ErrPermanent)
		p := &scriptPusher{errs: []error{perm}}
		d := relay.NewDispatcher(relay.Shopify, p, relay.DispatcherConfig{Secrets: secrets}, nil)
		stop := runDispatcher(t, d)
		d.Enqueue(relay.Item{Target: target(1), Qty: 5})
		synctest.Wait()
		stop()
		s := d.Status()
		shown := s.LastError + fmt.Sprint(s.Permanent)
		if s.Failed != 1 || strings.Contains(shown, renewed) || strings.Contains(shown, "app-secret-pinned") || !strings.Contains(shown, "token REDACTED") {
			t.Errorf("status shows %q", shown)
		}
	})
}

func TestLimiterPacesRequests(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := relay.NewLimiter(10, 5)
		start := time.Now()
		for range 25 {
			if err := l.Wait(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		if got := time.Since(start); got != 2*time.Second {
			t.Errorf("25 tokens at 10/s with burst 5 took %v, want 2s", got)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := l.Wait(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled wait: %v", err)
		}
	})
}

// snapshot returns the pushes so far.
func (p *scriptPusher) snapshot() [][]relay.Item {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([][]relay.Item(nil), p.calls...)
}
