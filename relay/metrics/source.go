package metrics

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/status"
	"github.com/edged/edged/relay/stock"
)

// Source is where the metrics come from; each func is called at every
// scrape. Status is required; a nil func leaves its metrics out.
type Source struct {
	// Status reads the relay's state: status.Source.Snapshot.
	Status func() status.Snapshot
	// Gateways returns what the MQTT intake knows of each gateway.
	Gateways func() []intake.GatewayStatus
	// Intake returns the intake's batch counters; ok is false while
	// there is no intake (before the relay runs).
	Intake func() (c intake.Counters, ok bool)
	// Webhooks counts the webhook deliveries (relay.WebhookStats).
	Webhooks func() []relay.WebhookCount
	// Commits returns the store transactions' durations
	// (stock.Engine.CommitTimes).
	Commits func() stock.CommitTimes
	// Reservations returns the open reservations (stock.Engine.Reservations).
	Reservations func() []stock.Reservation
	// Version is the relay's build, for edged_relay_build_info.
	Version string
}

// NewRegistry is a registry holding src's Collector and the Go runtime
// and process collectors.
func NewRegistry(src Source) (*prometheus.Registry, error) {
	if src.Status == nil {
		return nil, errors.New("metrics: Source.Status is required")
	}
	reg := prometheus.NewRegistry()
	err := errors.Join(reg.Register(New(src)), reg.Register(collectors.NewGoCollector()),
		reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})))
	if err != nil {
		return nil, fmt.Errorf("metrics: registering the collectors: %w", err)
	}
	return reg, nil
}

// Handler serves src's metrics (see NewRegistry) in the exposition
// format the scraper asks for, plain text by default. A metric that
// cannot be gathered is logged to log (nil: discarded) and left out; the
// rest is served.
func Handler(src Source, log *slog.Logger) (http.Handler, error) {
	reg, err := NewRegistry(src)
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorLog: errorLog{log},
		ErrorHandling: promhttp.ContinueOnError, Registry: reg}), nil
}

// errorLog is promhttp's Logger on slog.
type errorLog struct{ log *slog.Logger }

func (l errorLog) Println(v ...any) { l.log.Error("metrics", "err", fmt.Sprint(v...)) }
