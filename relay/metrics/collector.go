package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

const namespace = "edged_relay"

// Collector is a prometheus.Collector over a Source. It keeps no state:
// every Collect reads the Source afresh.
type Collector struct {
	src   Source
	descs descs
	info  family
	stock stockMetrics
	push  pushMetrics
	hooks webhookMetrics
	conn  connMetrics
	store storeMetrics
	fleet fleetMetrics
	mqtt  brokerMetrics
	drift driftMetrics
	gw    gatewayMetrics
	pres  presenceMetrics
	resv  reservationMetrics
}

// New is a Collector reading src; src.Status is required.
func New(src Source) *Collector {
	c := &Collector{src: src}
	d := &c.descs
	c.info = d.gauge("build_info", "The relay's build: always 1, with its version and fleet instance id as labels.", "version", "fleet_instance")
	c.stock, c.push, c.hooks, c.conn = newStockMetrics(d), newPushMetrics(d), newWebhookMetrics(d), newConnMetrics(d)
	c.store, c.fleet, c.mqtt, c.drift = newStoreMetrics(d), newFleetMetrics(d), newBrokerMetrics(d), newDriftMetrics(d)
	c.gw, c.pres, c.resv = newGatewayMetrics(d), newPresenceMetrics(d), newReservationMetrics(d)
	return c
}

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range c.descs {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	s := c.src.Status()
	c.info.emit(ch, 1, c.src.Version, s.Fleet.Self)
	c.stock.collect(ch, s)
	c.push.collect(ch, s.Channels)
	if c.src.Webhooks != nil {
		c.hooks.collect(ch, c.src.Webhooks())
	}
	c.conn.collect(ch, s.Connections)
	c.store.collect(ch, s.Fleet.Store)
	if c.src.Commits != nil {
		c.store.collectCommits(ch, c.src.Commits())
	}
	c.fleet.collect(ch, s.Fleet)
	c.mqtt.collect(ch, s.Broker)
	c.drift.collect(ch, s.Drift)
	c.gw.collect(ch, c.src)
	c.pres.collect(ch, s.Presence)
	if c.src.Reservations != nil {
		c.resv.collect(ch, c.src.Reservations())
	}
}

// descs makes the descriptors and keeps them for Describe.
type descs []*prometheus.Desc

func (d *descs) add(name, help string, labels ...string) *prometheus.Desc {
	desc := prometheus.NewDesc(prometheus.BuildFQName(namespace, "", name), help, labels, nil)
	*d = append(*d, desc)
	return desc
}

func (d *descs) gauge(name, help string, labels ...string) family {
	return family{d.add(name, help, labels...), prometheus.GaugeValue}
}

func (d *descs) counter(name, help string, labels ...string) family {
	return family{d.add(name, help, labels...), prometheus.CounterValue}
}

// family is one metric's descriptor and type.
type family struct {
	desc *prometheus.Desc
	typ  prometheus.ValueType
}

func (f family) emit(ch chan<- prometheus.Metric, v float64, labels ...string) {
	ch <- prometheus.MustNewConstMetric(f.desc, f.typ, v, labels...)
}

// unix is t in Unix seconds; 0 for the zero time.
func unix(t time.Time) float64 {
	if t.IsZero() {
		return 0
	}
	return float64(t.UnixNano()) / 1e9
}

func bit(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
