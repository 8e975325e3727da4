package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/edged/edged/relay"
)

// pushMetrics are the channel dispatchers' (relay.ChannelStatus).
type pushMetrics struct {
	pushed, failed, retried, pending, last, lag, maxLag, permanent family
}

func newPushMetrics(d *descs) pushMetrics {
	return pushMetrics{
		pushed:    d.counter("push_items_total", "Listing quantities set successfully on the channel.", "channel"),
		failed:    d.counter("push_failures_total", "Listing quantities the channel failed to set.", "channel"),
		retried:   d.counter("push_retries_total", "Listing quantities put back for another attempt after a failure.", "channel"),
		pending:   d.gauge("push_pending_items", "Listing quantities waiting to be pushed to the channel.", "channel"),
		last:      d.gauge("push_last_success_timestamp_seconds", "When a push to the channel last succeeded, in Unix seconds; 0 if none has since the relay started.", "channel"),
		lag:       d.gauge("push_last_lag_seconds", "Time from the stock change to its successful push, for the channel's last pushed item.", "channel"),
		maxLag:    d.gauge("push_max_lag_seconds", "The largest push lag seen on the channel since the relay started.", "channel"),
		permanent: d.gauge("push_permanent_errors", "Listings whose last push failed with an error no retry can fix (cleared by a successful push).", "channel"),
	}
}

func (m pushMetrics) collect(ch chan<- prometheus.Metric, chans []relay.ChannelStatus) {
	for _, s := range chans {
		c := string(s.Channel)
		m.pushed.emit(ch, float64(s.Pushed), c)
		m.failed.emit(ch, float64(s.Failed), c)
		m.retried.emit(ch, float64(s.Retried), c)
		m.pending.emit(ch, float64(s.Pending), c)
		m.last.emit(ch, unix(s.LastPush), c)
		m.lag.emit(ch, s.LastLag.Seconds(), c)
		m.maxLag.emit(ch, s.MaxLag.Seconds(), c)
		m.permanent.emit(ch, float64(len(s.Permanent)), c)
	}
}

// webhookMetrics count webhook deliveries (relay.WebhookStats).
type webhookMetrics struct{ deliveries family }

func newWebhookMetrics(d *descs) webhookMetrics {
	return webhookMetrics{d.counter("webhook_deliveries_total",
		"Marketplace webhook deliveries by outcome: accepted, duplicate, ignored, bad_signature, bad_request, not_stored.",
		"channel", "outcome")}
}

func (m webhookMetrics) collect(ch chan<- prometheus.Metric, counts []relay.WebhookCount) {
	for _, c := range counts {
		m.deliveries.emit(ch, float64(c.N), string(c.Channel), string(c.Outcome))
	}
}
