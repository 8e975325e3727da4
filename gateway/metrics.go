package gateway

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsHandler serves the gateway's own registry (never the global
// one): the health snapshot's figures, the Go runtime and the process.
// client_golang is already linked for the demo's relay, so this costs
// the binary almost nothing (docs/benchmarks.md) and gets the exposition
// format right: one HELP and TYPE per family, escaped label values.
func (g *Gateway) metricsHandler() http.Handler { return promHandler(g.Health, g.log) }

func promHandler(health func() Health, log *slog.Logger) http.Handler {
	reg := newRegistry(newHealthCollector(health))
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorLog: slogPrinter{log}})
}

// newRegistry is a registry of its own (never the global one) that
// checks what the collectors emit.
func newRegistry(c prometheus.Collector) *prometheus.Registry {
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	return reg
}

// slogPrinter hands promhttp's errors to the gateway's logger.
type slogPrinter struct{ log *slog.Logger }

func (p slogPrinter) Println(v ...any) { p.log.Warn("metrics", "err", fmt.Sprint(v...)) }

// healthCollector turns one Health snapshot per scrape into metrics.
type healthCollector struct {
	health func() Health
	descs  map[string]*prometheus.Desc
}

// metricDef is one family: its help and labels.
type metricDef struct {
	name, help string
	labels     []string
}

var healthMetrics = []metricDef{
	{"edged_uptime_seconds", "Seconds since the daemon started.", nil},
	{"edged_ledger_head_seq", "Last recorded ledger sequence.", nil},
	{"edged_ledger_acked_seq", "Last sequence acknowledged by the relay.", nil},
	{"edged_ledger_pending_events", "Events waiting for the relay.", nil},
	{"edged_ledger_bytes", "Size of the ledger file.", nil},
	{"edged_movement_queue_depth", "Presence events waiting to be recorded.", nil},
	{"edged_movement_errors_total", "Movements the ledger failed to record.", nil},
	{"edged_rfid_tags_tracked", "Tags in the presence table.", nil},
	{"edged_rfid_evicted_total", "Tags evicted from the full presence table.", nil},
	{"edged_reader_reads_total", "Tag reads delivered by the reader.", []string{"reader"}},
	{"edged_reader_drops_total", "Tag reads dropped because the pipeline lagged.", []string{"reader"}},
	{"edged_reader_reconnects_total", "Reader sessions that ended in an error.", []string{"reader"}},
	{"edged_reader_up", "1 while the reader is reading.", []string{"reader"}},
	{"edged_scanner_up", "1 while the scanner is online.", []string{"scanner"}},
	{"edged_scanner_scans_total", "Scans read from the scanner.", []string{"scanner"}},
	{"edged_scanner_rejected_total", "Scans the workflow refused.", []string{"scanner"}},
	{"edged_uplink_connected", "1 while the MQTT uplink is connected.", nil},
	{"edged_degraded", "1 while something configured has been down longer than http.health_grace (see /healthz).", nil},
}

func newHealthCollector(health func() Health) *healthCollector {
	c := &healthCollector{health: health, descs: map[string]*prometheus.Desc{}}
	for _, m := range healthMetrics {
		c.descs[m.name] = prometheus.NewDesc(m.name, m.help, m.labels, nil)
	}
	return c
}

// Describe implements prometheus.Collector.
func (c *healthCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range c.descs {
		ch <- d
	}
}
