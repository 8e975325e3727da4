package stock_test

import (
	"context"
	"testing"

	"github.com/edged/edged/relay/stock"
)

// Every store transaction lands in the commit histogram: the buckets are
// cumulative, ascending, and none holds more than the count.
func TestCommitTimes(t *testing.T) {
	r := newRig(t, stock.Config{}, nil)
	if got := r.eng.CommitTimes(); got.Count != 0 || got.Sum != 0 {
		t.Fatalf("a new engine has commit times %+v", got)
	}
	ctx := context.Background()
	for seq := uint64(1); seq <= 5; seq++ {
		if err := r.eng.ApplyDelta(ctx, "gw1", seq, stock.Delta{SKU: "TEE-RED-M", Site: "wh1", Kind: stock.Receive, Qty: 1}); err != nil {
			t.Fatal(err)
		}
	}
	got := r.eng.CommitTimes()
	if got.Count != 5 || got.Sum <= 0 || len(got.Buckets) == 0 {
		t.Fatalf("after 5 commits: %+v", got)
	}
	for i, b := range got.Buckets {
		if b.Count > got.Count || i > 0 && (b.UpTo <= got.Buckets[i-1].UpTo || b.Count < got.Buckets[i-1].Count) {
			t.Fatalf("bucket %d out of order: %+v", i, got.Buckets)
		}
	}
}
