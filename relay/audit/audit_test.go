package audit_test

import (
	"testing"
	"time"

	"github.com/edged/edged/relay/audit"
)

func TestQueryMatchesEveryField(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	r := audit.Row{SKU: "TEE", Site: "wh1", Channel: "shopify", Order: "1042", Recorded: at}
	for _, c := range []struct {
		q    audit.Query
		want bool
	}{
		{audit.Query{}, true},
		{audit.Query{SKU: "TEE", Site: "wh1", Channel: "shopify", Order: "1042"}, true},
		{audit.Query{SKU: "MUG"}, false},
		{audit.Query{Site: "wh2"}, false},
		{audit.Query{Channel: "lazada"}, false},
		{audit.Query{Order: "7"}, false},
		{audit.Query{From: at}, true},
		{audit.Query{From: at.Add(time.Nanosecond)}, false},
		{audit.Query{To: at}, false},
		{audit.Query{To: at.Add(time.Nanosecond)}, true},
	} {
		if got := c.q.Matches(r); got != c.want {
			t.Errorf("%+v matches: %v, want %v", c.q, got, c.want)
		}
	}
}

func TestQueryLimited(t *testing.T) {
	for limit, want := range map[int]int{0: audit.DefaultLimit, -3: audit.DefaultLimit, 7: 7, 5000: audit.MaxLimit} {
		if got := (audit.Query{Limit: limit}).Limited(); got != want {
			t.Errorf("limit %d: %d, want %d", limit, got, want)
		}
	}
}
