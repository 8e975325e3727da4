package server

import (
	"net/http"

	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/metrics"
	"github.com/edged/edged/relay/status"
)

// metricsHandler serves GET /metrics: the relay's state read at each
// scrape (relay/metrics) with the Go runtime's and the process's
// metrics. Should the collectors not register, it answers 500 with why.
func (s *Server) metricsHandler() http.Handler {
	src := metrics.Source{Status: s.statusSource().Snapshot, Gateways: s.gatewayStates, Intake: s.intakeCounters,
		Webhooks: s.webhooks.Counts, Commits: s.engine.CommitTimes,
		Reservations: s.engine.Reservations, Version: s.parts.Version}
	h, err := metrics.Handler(src, s.log.With("part", "metrics"))
	if err != nil {
		s.log.Error("GET /metrics disabled", "err", err)
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		})
	}
	return h
}

// statusSource is what the status page and the metrics read.
func (s *Server) statusSource() status.Source {
	return status.Source{Engine: s.engine, Dispatchers: s.disp, Gaps: s.gaps, Fleet: s.fleetStatus, Broker: s.brokerState,
		Connections: s.Connections, Drift: s.driftCheck, Presence: s.presence}
}

// presence is what the gateways last said of themselves, once Run has
// connected the intake.
func (s *Server) presence() []intake.Presence {
	if m := s.client.Load(); m != nil {
		return m.Presence()
	}
	return nil
}

// gatewayStates is what the intake knows of each gateway once Run has
// started it.
func (s *Server) gatewayStates() []intake.GatewayStatus {
	if s.intake == nil {
		return nil
	}
	return s.intake.Gateways()
}

// intakeCounters are the intake's batch counters once Run has started it.
func (s *Server) intakeCounters() (intake.Counters, bool) {
	if s.intake == nil {
		return intake.Counters{}, false
	}
	return s.intake.Counters(), true
}
