package flashsale

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

// BaselinePhaseCount is how many sync phases Simulate averages the
// baseline over (one every 15 s of a 15-minute schedule).
const BaselinePhaseCount = 60

// Report is a sale through the relay next to the scheduled baseline.
type Report struct {
	Relay, Baseline Outcome
	// Final is what each channel shows once the relay settled.
	Final map[relay.Channel]int64
}

// Simulate runs one sale in real time through a fresh rig and the same
// orders through Baseline. It returns an error if the relay does not
// settle (every sale reserved, every channel at units − sold − buffer)
// before ctx ends.
func Simulate(ctx context.Context, cfg Config) (Report, error) {
	if err := cfg.Validate(); err != nil {
		return Report{}, fmt.Errorf("flashsale: %w", err)
	}
	cfg = cfg.withDefaults()
	rig, err := NewRig(ctx, Options{Dir: cfg.Dir, Store: cfg.Store, Instances: cfg.Instances, SafetyBuffer: cfg.SafetyBuffer, Logger: cfg.Logger})
	if err != nil {
		return Report{}, err
	}
	defer rig.Close()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- rig.Run(runCtx) }()
	rep, err := rig.sale(ctx, cfg)
	stop()
	if rerr := <-done; err == nil {
		err = rerr
	}
	orders := Schedule(cfg.Orders, cfg.Duration, cfg.Seed)
	rep.Baseline = BaselinePhases(orders, cfg.Units, cfg.SafetyBuffer, cfg.SyncInterval, BaselinePhaseCount)
	return rep, err
}

func (r *Rig) sale(ctx context.Context, cfg Config) (Report, error) {
	want := max(0, cfg.Units-cfg.SafetyBuffer)
	err := r.Engine.ApplyDelta(ctx, "gw-flash", 1, stock.Delta{SKU: SKU, Site: Site, Kind: stock.Receive, Qty: cfg.Units})
	if err == nil {
		err = r.WaitFor(ctx, func() bool { return r.Settled(0, want) })
	}
	if err != nil {
		return Report{}, fmt.Errorf("flashsale: initial stock not pushed: %w", err)
	}
	sold := r.buy(ctx, Schedule(cfg.Orders, cfg.Duration, cfg.Seed))
	want = max(0, cfg.Units-sold-cfg.SafetyBuffer)
	if err := r.WaitFor(ctx, func() bool { return r.Settled(sold, want) }); err != nil {
		return Report{}, fmt.Errorf("flashsale: relay did not settle after %d sales: %w", sold, err)
	}
	rep := Report{Relay: r.measure(cfg), Final: map[relay.Channel]int64{}}
	for _, ch := range relay.Channels() {
		rep.Final[ch] = r.Shown(ch)
	}
	return rep, nil
}

// buy places the orders at their times, one goroutine per channel, and
// returns how many the channels accepted.
func (r *Rig) buy(ctx context.Context, orders []Order) int64 {
	start := time.Now()
	var sold atomic.Int64
	var wg sync.WaitGroup
	for _, ch := range relay.Channels() {
		wg.Go(func() {
			for _, o := range orders {
				if o.Channel != ch || !sleepUntil(ctx, start.Add(o.At)) {
					continue
				}
				if r.Sell(ctx, ch) {
					sold.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return sold.Load()
}

func sleepUntil(ctx context.Context, t time.Time) bool {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err() == nil
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-tm.C:
		return true
	}
}
