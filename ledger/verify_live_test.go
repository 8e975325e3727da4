package ledger_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
)

// Verify on a ledger that is being written finds nothing wrong: the
// bbolt page check must not see a concurrent commit's freelist (it then
// reported pages that commit freed as "reachable freed").
func TestVerifyWhileAppending(t *testing.T) {
	l := ledgertest.Open(t, nil)
	ctx := context.Background()
	var wg sync.WaitGroup
	done := make(chan struct{})
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				e := ledger.Event{ID: fmt.Sprintf("w%d-%d", w, i), Type: ledger.Receive, SKU: fmt.Sprint("SKU-", i%50),
					Location: "A", Qty: 1, UnitCost: ledger.Cost(100)}
				if _, err := l.Append(ctx, e); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for range 30 {
		if _, err := l.Verify(); err != nil {
			t.Errorf("verify during appends: %v", err)
			break
		}
	}
	close(done)
	wg.Wait()
}
