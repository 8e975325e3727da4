package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/status"
)

// fleetMetrics are the relays sharing the store and their push leases.
type fleetMetrics struct {
	instances, age, owner, epoch, remaining family
}

func newFleetMetrics(d *descs) fleetMetrics {
	return fleetMetrics{
		instances: d.gauge("fleet_instances", "Relay instances whose heartbeat the store holds recently (this one alone on bbolt)."),
		age:       d.gauge("fleet_instance_heartbeat_age_seconds", "How long ago the instance's last heartbeat was, by the store's clock.", "fleet_instance"),
		owner:     d.gauge("fleet_lease_owner", "Always 1: the instance holding the channel's push lease (a shared store only).", "channel", "fleet_instance"),
		epoch:     d.gauge("fleet_lease_epoch", "The epoch of the channel's push lease; it goes up at every change of owner.", "channel"),
		remaining: d.gauge("fleet_lease_remaining_seconds", "How long the channel's push lease runs without renewal; 0 or less: expired.", "channel"),
	}
}

func (m fleetMetrics) collect(ch chan<- prometheus.Metric, f status.Fleet) {
	m.instances.emit(ch, float64(len(f.Instances)))
	for _, in := range f.Instances {
		m.age.emit(ch, in.Age.Seconds(), in.ID)
	}
	for _, l := range f.Leases {
		c := string(l.Channel)
		m.owner.emit(ch, 1, c, l.Owner)
		m.epoch.emit(ch, float64(l.Epoch), c)
		m.remaining.emit(ch, l.Remaining.Seconds(), c)
	}
}

// brokerMetrics are the relay's MQTT session (intake.BrokerState).
type brokerMetrics struct {
	connected, subscribed, online, reconnects, failures family
}

func newBrokerMetrics(d *descs) brokerMetrics {
	return brokerMetrics{
		connected:  d.gauge("mqtt_connected", "1 if the relay's session with the MQTT broker is up, else 0."),
		subscribed: d.gauge("mqtt_subscribed", "1 if the broker granted the deltas subscription, else 0."),
		online:     d.gauge("mqtt_online", "1 if the relay's retained online state is published (gateways send to it), else 0."),
		reconnects: d.counter("mqtt_reconnects_total", "Connections to the broker after the first."),
		failures:   d.gauge("mqtt_connect_failures", "Failed connect attempts since the last successful connect."),
	}
}

// collect reports a relay without a session yet (b nil) as disconnected.
func (m brokerMetrics) collect(ch chan<- prometheus.Metric, b *intake.BrokerState) {
	if b == nil {
		b = &intake.BrokerState{}
	}
	m.connected.emit(ch, bit(b.Connected))
	m.subscribed.emit(ch, bit(b.Subscribed))
	m.online.emit(ch, bit(b.Online))
	m.reconnects.emit(ch, float64(b.Reconnects))
	m.failures.emit(ch, float64(b.Failures))
}
