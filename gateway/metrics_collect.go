package gateway

import (
	"strings"

	"github.com/prometheus/client_golang/prometheus"
)

// Collect implements prometheus.Collector from one snapshot.
func (c *healthCollector) Collect(ch chan<- prometheus.Metric) {
	h := c.health()
	emit := func(name string, v float64, labels ...string) {
		typ := prometheus.GaugeValue
		if strings.HasSuffix(name, "_total") {
			typ = prometheus.CounterValue
		}
		ch <- prometheus.MustNewConstMetric(c.descs[name], typ, v, labels...)
	}
	emit("edged_uptime_seconds", h.Uptime)
	emit("edged_ledger_head_seq", float64(h.Ledger.Head))
	emit("edged_ledger_acked_seq", float64(h.Ledger.Acked))
	emit("edged_ledger_pending_events", float64(h.Ledger.Pending))
	emit("edged_ledger_bytes", float64(h.Ledger.Bytes))
	emit("edged_movement_queue_depth", float64(h.Queue.Depth))
	emit("edged_movement_errors_total", float64(h.Queue.LedgerErrors))
	emit("edged_rfid_tags_tracked", float64(h.Inventory.Tracked))
	emit("edged_rfid_evicted_total", float64(h.Inventory.Evicted))
	for _, r := range h.Readers {
		emit("edged_reader_reads_total", float64(r.Reads), r.Name)
		emit("edged_reader_drops_total", float64(r.Drops), r.Name)
		emit("edged_reader_reconnects_total", float64(r.Reconnects), r.Name)
		emit("edged_reader_up", b2f(r.State == "reading"), r.Name)
	}
	for _, s := range h.Scanners {
		emit("edged_scanner_up", b2f(s.Online), s.Name)
		emit("edged_scanner_scans_total", float64(s.Scans), s.Name)
		emit("edged_scanner_rejected_total", float64(s.Rejected), s.Name)
	}
	if h.Uplink != nil { // no broker configured: no uplink to report
		emit("edged_uplink_connected", b2f(h.Uplink.Link.Connected))
	}
	emit("edged_degraded", b2f(len(h.Degraded) > 0))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
