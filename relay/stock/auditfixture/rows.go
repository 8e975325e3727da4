package auditfixture

import (
	"fmt"
	"time"

	"github.com/edged/edged/relay/audit"
)

// The SKU page's audit trail over a year: 1,000,000 rows of 10,000 SKUs
// on 4 channels at 2 sites.
const (
	Rows = 1_000_000
	SKUs = 10_000
	// YearVersion names Year's cached bbolt file; bump it whenever Year
	// changes, or benchmarks read stale rows.
	YearVersion = "v1"
)

// Gen is row i of a fixture.
type Gen func(i int) audit.Row

var yearStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

var yearChannels = []string{"shopify", "lazada", "shopee", "tiktok"}

// SKU is the name of SKU i (0 <= i < SKUs) in Year's rows.
func SKU(i int) string { return fmt.Sprintf("SKU-%05d", i) }

// Year is row i of a year's trail: rows of one SKU are spread over the
// whole year, as a steady seller's are; two rows in three are channel
// orders, the rest gateway sales.
func Year(i int) audit.Row {
	r := audit.Row{Source: audit.FromGateway, Kind: "sale", SKU: SKU(i % SKUs),
		Site: fmt.Sprintf("wh%d", i%2+1), Qty: -1, Worker: "ana", Device: "pick-1", Gateway: "gw1",
		Recorded: yearStart.Add(time.Duration(i) * 30 * time.Second)}
	if i%3 != 0 {
		r.Source, r.Kind, r.Channel, r.Order = audit.FromChannel, audit.KindOrder, yearChannels[i%4], fmt.Sprint("o", i/3)
	}
	return r
}
