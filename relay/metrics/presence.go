package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/stock"
)

// presenceMetrics are what the gateways last said of themselves over
// MQTT (their retained state and health snapshot).
type presenceMetrics struct {
	online, backlog, oldest, clock family
}

func newPresenceMetrics(d *descs) presenceMetrics {
	return presenceMetrics{
		online:  d.gauge("gateway_online", "1 while the gateway's retained MQTT state says online (0 after its last will).", "site", "gateway"),
		backlog: d.gauge("gateway_backlog_events", "Events the gateway has recorded but the relay has not acknowledged, from its last health snapshot.", "site", "gateway"),
		oldest:  d.gauge("gateway_oldest_unacked_seconds", "Age of the gateway's oldest unacknowledged event, from its last health snapshot.", "site", "gateway"),
		clock:   d.gauge("gateway_clock_synced", "1 if the gateway's clock was synchronised at its last health snapshot.", "site", "gateway"),
	}
}

func (m presenceMetrics) collect(ch chan<- prometheus.Metric, ps []intake.Presence) {
	for _, p := range ps {
		m.online.emit(ch, bit(p.Online), p.Site, p.Gateway)
		if h := p.Health; h != nil {
			m.backlog.emit(ch, float64(h.Backlog.Entries), p.Site, p.Gateway)
			m.oldest.emit(ch, h.Backlog.OldestUnackedS, p.Site, p.Gateway)
			m.clock.emit(ch, bit(h.ClockSynced), p.Site, p.Gateway)
		}
	}
}

// reservationMetrics are the open order reservations.
type reservationMetrics struct{ orders, units family }

func newReservationMetrics(d *descs) reservationMetrics {
	return reservationMetrics{
		orders: d.gauge("stock_reservations", "Open reservations (order lines not yet picked or cancelled).", "channel"),
		units:  d.gauge("stock_reserved_units", "Units reserved by open orders: on hand but not sellable.", "channel"),
	}
}

func (m reservationMetrics) collect(ch chan<- prometheus.Metric, rs []stock.Reservation) {
	type sums struct{ n, units int64 }
	by := map[string]*sums{}
	for _, r := range rs {
		s := by[string(r.Channel)]
		if s == nil {
			s = &sums{}
			by[string(r.Channel)] = s
		}
		s.n++
		s.units += r.Qty
	}
	for c, s := range by {
		m.orders.emit(ch, float64(s.n), c)
		m.units.emit(ch, float64(s.units), c)
	}
}
