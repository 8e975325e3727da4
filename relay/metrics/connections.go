package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/edged/edged/relay/connect"
)

// connMetrics are the channels' stored authorisations (connect.Status).
type connMetrics struct {
	access, refresh, refreshed, failing, needsConnect family
}

func newConnMetrics(d *descs) connMetrics {
	return connMetrics{
		access:       d.gauge("token_access_expiry_timestamp_seconds", "When the channel's access token expires, in Unix seconds; absent for one that does not expire.", "channel"),
		refresh:      d.gauge("token_refresh_expiry_timestamp_seconds", "When the channel's refresh token expires, in Unix seconds: renew it with `relay connect` before; absent for one that does not expire.", "channel"),
		refreshed:    d.gauge("token_last_refresh_timestamp_seconds", "When this relay last renewed the channel's access token, in Unix seconds; absent until it does.", "channel"),
		failing:      d.gauge("token_refresh_failing", "1 if the last renewal of the channel's token failed, else 0.", "channel"),
		needsConnect: d.gauge("connection_needs_connect", "1 if the channel has no stored connection or one that only `relay connect` can fix, else 0.", "channel"),
	}
}

func (m connMetrics) collect(ch chan<- prometheus.Metric, conns []connect.Status) {
	for _, s := range conns {
		c := string(s.Channel)
		m.needsConnect.emit(ch, bit(!s.Connected || s.Permanent), c)
		if !s.Connected {
			continue
		}
		m.failing.emit(ch, bit(s.LastError != ""), c)
		if !s.AccessExpires.IsZero() {
			m.access.emit(ch, unix(s.AccessExpires), c)
		}
		if !s.RefreshExpires.IsZero() {
			m.refresh.emit(ch, unix(s.RefreshExpires), c)
		}
		if !s.LastRefresh.IsZero() {
			m.refreshed.emit(ch, unix(s.LastRefresh), c)
		}
	}
}
