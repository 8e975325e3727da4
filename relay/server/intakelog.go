package server

import (
	"errors"

	"github.com/edged/edged/relay/stock"
)

// deltasFailed logs a batch the intake could not apply. A batch refused
// for its gateway or site is counted and logged once per pair by the
// engine; the gateway resends it every 30 s until fixed, so a line per
// batch would flood the log.
func (s *Server) deltasFailed(topic string, err error) {
	switch {
	case errors.Is(err, stock.ErrWrongSite), errors.Is(err, stock.ErrUnknownGateway):
		s.log.Debug("deltas refused", "topic", topic, "err", err)
	default:
		s.log.Warn("deltas", "topic", topic, "err", err)
	}
	if errors.Is(err, stock.ErrStore) {
		s.storeFailed()
	}
}
