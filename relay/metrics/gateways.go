package metrics

import "github.com/prometheus/client_golang/prometheus"

// gatewayMetrics are the MQTT intake's view of the gateways and its
// batch counters.
type gatewayMetrics struct {
	seq, seen, gap                               family
	batches, malformed, unknown, failed, resyncs family
}

func newGatewayMetrics(d *descs) gatewayMetrics {
	return gatewayMetrics{
		seq:       d.gauge("gateway_applied_seq", "The gateway's last applied delta seq: increase() over it counts the deltas applied (it restarts at 1 with a new gateway epoch).", "site", "gateway"),
		seen:      d.gauge("gateway_last_seen_timestamp_seconds", "When the relay last took a batch of the gateway's deltas, in Unix seconds.", "site", "gateway"),
		gap:       d.gauge("gateway_gap_open", "1 while the relay holds a gap in the gateway's seqs (waiting for the missing deltas, then asking for a resync), else 0.", "site", "gateway"),
		batches:   d.counter("intake_batches_total", "Delta batches the intake handed to the engine: applied, or held at a gap."),
		malformed: d.counter("intake_malformed_batches_total", "MQTT messages dropped as not a delta batch of their topic's gateway."),
		unknown:   d.counter("intake_unknown_gateway_batches_total", "Delta batches dropped because their gateway is not in the intake's gateways list."),
		failed:    d.counter("intake_failed_batches_total", "Delta batches the engine failed to apply (left unacknowledged for the gateway to resend)."),
		resyncs:   d.counter("intake_resyncs_total", "Resync requests sent to gateways whose gap stayed open too long."),
	}
}

func (m gatewayMetrics) collect(ch chan<- prometheus.Metric, src Source) {
	if src.Gateways != nil {
		for _, g := range src.Gateways() {
			m.seq.emit(ch, float64(g.LastSeq), g.Site, g.Gateway)
			m.seen.emit(ch, unix(g.LastSeen), g.Site, g.Gateway)
			m.gap.emit(ch, bit(g.GapFrom > 0), g.Site, g.Gateway)
		}
	}
	if src.Intake == nil {
		return
	}
	c, ok := src.Intake()
	if !ok {
		return
	}
	m.batches.emit(ch, float64(c.Batches))
	m.malformed.emit(ch, float64(c.Malformed))
	m.unknown.emit(ch, float64(c.UnknownGateway))
	m.failed.emit(ch, float64(c.Failed))
	m.resyncs.emit(ch, float64(c.Resyncs))
}
