package workflow

import (
	"context"
	"fmt"

	"github.com/edged/edged/ledger"
)

// Counter records count lines in an open count session; *ledger.Ledger
// is one. A station uses it when its Recorder also implements it.
type Counter interface {
	RecordCount(ctx context.Context, id, sku, loc string, counted int64, user string) (ledger.CountLine, error)
}

// countSession sets the count session item scans record lines in.
func (s *Station) countSession(o *Outcome) {
	if s.st.mode != ModeCount {
		s.reject(o, fmt.Errorf("%w: a count session applies to count mode, the station is in %s", ErrWrongMode, s.st.mode))
		return
	}
	s.setText(o, &s.st.countID, "count session")
}

// recordCount records the pending quantity as the counted quantity of
// sku at the location. Recording again is a recount, so a repeated scan
// never counts twice.
func (s *Station) recordCount(ctx context.Context, o *Outcome, sku string) {
	c, ok := s.rec.(Counter)
	if !ok {
		s.reject(o, fmt.Errorf("%w: this recorder cannot record count sessions", ErrWrongMode))
		return
	}
	st := &s.st
	line, err := c.RecordCount(ctx, st.countID, sku, st.location, st.qty, st.user)
	switch {
	case err != nil && ledger.IsRejection(err):
		s.reject(o, err)
	case err != nil:
		s.reject(o, fmt.Errorf("%w: %w; scan the item again", ErrRecord, err))
	default:
		o.Status, o.Count = StatusPosted, &line
		st.qty, st.qtySet = 0, false
	}
}
