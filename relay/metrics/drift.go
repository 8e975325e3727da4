package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/edged/edged/relay/discover"
)

// driftMetrics are the last scheduled mapping check (discover_every).
type driftMetrics struct {
	at, listings, sellerSKUs, errors family
}

func newDriftMetrics(d *descs) driftMetrics {
	return driftMetrics{
		at:         d.gauge("mapping_check_timestamp_seconds", "When the last mapping drift check ran, in Unix seconds."),
		listings:   d.gauge("mapping_drift_listings", "Listings the last check found added to, removed from or changed on the channels against the mapping file.", "change"),
		sellerSKUs: d.gauge("mapping_seller_sku_problems", "Channel listings whose seller SKU the last check found unknown, missing, duplicate or blank.", "problem"),
		errors:     d.gauge("mapping_check_errors", "Channels the last check could not read."),
	}
}

// collect exports nothing until a check ran (c nil).
func (m driftMetrics) collect(ch chan<- prometheus.Metric, c *discover.Check) {
	if c == nil {
		return
	}
	m.at.emit(ch, unix(c.At))
	m.listings.emit(ch, float64(c.Added), "added")
	m.listings.emit(ch, float64(c.Removed), "removed")
	m.listings.emit(ch, float64(c.Changed), "changed")
	m.sellerSKUs.emit(ch, float64(c.Unknown), "unknown")
	m.sellerSKUs.emit(ch, float64(c.Missing), "missing")
	m.sellerSKUs.emit(ch, float64(c.Duplicates), "duplicate")
	m.sellerSKUs.emit(ch, float64(c.Blank), "blank")
	m.errors.emit(ch, float64(len(c.Errors)))
}
