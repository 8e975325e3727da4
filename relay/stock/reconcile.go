package stock

import (
	"context"
	"time"
)

// DefaultReconcileEvery is a sensible period for Reconcile: well inside the
// incumbents' 15 minutes, light on rate limits since each listing is one
// coalesced item.
const DefaultReconcileEvery = 5 * time.Minute

// Reconcile pushes every mapped listing's quantity every period until ctx
// ends and returns ctx's error: the periodic full reconciliation that
// repairs edits made on a channel and stock a platform moved on its own
// (campaign stock returning, Lazada's out-of-stock auto-zero). period ≤ 0
// means DefaultReconcileEvery.
func (e *Engine) Reconcile(ctx context.Context, period time.Duration) error {
	if period <= 0 {
		period = DefaultReconcileEvery
	}
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			e.PushAll()
		}
	}
}
