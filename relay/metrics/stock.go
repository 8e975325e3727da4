package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/status"
	"github.com/edged/edged/relay/stock"
)

// stockMetrics are the engine's counters (stock.Counters) and queues.
type stockMetrics struct {
	dupDeltas, gaps, rejected, unknownSKUs, unknownGateways family
	dupEvents, unknownLines, fetchFailures, orderEdits      family
	fetches, locked, wrongSites                             family
}

func newStockMetrics(d *descs) stockMetrics {
	return stockMetrics{
		dupDeltas:       d.counter("stock_duplicate_deltas_total", "Deltas skipped because their gateway seq was already applied."),
		gaps:            d.counter("stock_delta_gaps_total", "Delta batches stopped at a seq gap: refused, or staged until the missing seqs arrive."),
		rejected:        d.counter("stock_rejected_deltas_total", "Malformed deltas kept in the rejected table (they count as applied)."),
		unknownSKUs:     d.counter("stock_unknown_sku_deltas_total", "Deltas for SKUs absent from the mapping: applied, pushed nowhere."),
		unknownGateways: d.counter("stock_unknown_gateway_batches_total", "Delta batches refused because their gateway is not in stock.gateways."),
		dupEvents:       d.counter("stock_duplicate_order_events_total", "Order and campaign lock notifications whose event id was already stored."),
		unknownLines:    d.counter("stock_unknown_order_lines_total", "Order lines and campaign locks that match no mapped listing (nothing reserved)."),
		fetchFailures:   d.counter("stock_order_fetch_failures_total", "Failed lookups of status-only orders (each is retried)."),
		orderEdits:      d.counter("stock_order_edits_total", "Newer revisions of open orders that moved reservations."),
		wrongSites:      d.counter("stock_wrong_site_batches_total", "Delta batches refused because a delta's site is not the one stock.gateways binds the gateway to."),
		fetches:         d.gauge("stock_pending_order_fetches", "Order notifications waiting for their lines to be fetched."),
		locked:          d.gauge("stock_campaign_locked_units", "Units the channel's campaigns lock: the other channels do not offer them.", "channel"),
	}
}

func (m stockMetrics) collect(ch chan<- prometheus.Metric, s status.Snapshot) {
	c := s.Counters
	for f, v := range map[family]uint64{m.dupDeltas: c.DuplicateDeltas, m.gaps: c.Gaps, m.rejected: c.RejectedDeltas,
		m.unknownSKUs: c.UnknownSKUs, m.unknownGateways: c.UnknownGateways, m.dupEvents: c.DuplicateEvents,
		m.unknownLines: c.UnknownLines, m.fetchFailures: c.FetchFailures, m.orderEdits: c.OrderEdits,
		m.wrongSites: c.WrongSites} {
		f.emit(ch, float64(v))
	}
	m.fetches.emit(ch, float64(s.PendingFetches))
	units := map[relay.Channel]int64{}
	for _, l := range s.Locks {
		units[l.Channel] += l.Qty
	}
	for channel, n := range units {
		m.locked.emit(ch, float64(n), string(channel))
	}
}

// storeMetrics are the store's health probe and its transactions.
type storeMetrics struct {
	up, ping, version family
	commits           *prometheus.Desc
}

func newStoreMetrics(d *descs) storeMetrics {
	return storeMetrics{
		up:      d.gauge("store_up", "1 if the store answered the health probe of this scrape, else 0; kind is bbolt or postgres.", "kind"),
		ping:    d.gauge("store_ping_duration_seconds", "Round trip of this scrape's store health probe."),
		version: d.gauge("store_version", "The store version this relay's copy of the stock is at."),
		commits: d.add("store_commit_duration_seconds", "Duration of the stock engine's store transactions, each a group commit of one or more changes, successful or not."),
	}
}

func (m storeMetrics) collect(ch chan<- prometheus.Metric, h status.StoreHealth) {
	m.up.emit(ch, bit(h.OK), h.Kind)
	m.ping.emit(ch, h.Latency.Seconds())
	m.version.emit(ch, float64(h.Version))
}

func (m storeMetrics) collectCommits(ch chan<- prometheus.Metric, t stock.CommitTimes) {
	buckets := make(map[float64]uint64, len(t.Buckets))
	for _, b := range t.Buckets {
		buckets[b.UpTo.Seconds()] = b.Count
	}
	ch <- prometheus.MustNewConstHistogram(m.commits, t.Count, t.Sum.Seconds(), buckets)
}
