package server

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

// DefaultAuditRetention is how long audit rows are kept when
// audit.retention is not set: a year and a stocktake's margin.
const DefaultAuditRetention = 400 * 24 * time.Hour

// auditPruneEvery is how often rows past the retention are deleted.
const auditPruneEvery = time.Hour

// AuditConfig sets the central audit trail's retention.
type AuditConfig struct {
	// Retention keeps rows this long (e.g. 9600h); default 400 days
	// (DefaultAuditRetention); 0 keeps them forever.
	Retention *time.Duration `mapstructure:"retention"`
}

func (c AuditConfig) retention() time.Duration {
	if c.Retention == nil {
		return DefaultAuditRetention
	}
	return *c.Retention
}

func (c AuditConfig) validate() []error {
	if c.Retention != nil && *c.Retention < 0 {
		return []error{errors.New("audit.retention: must not be negative; 0 keeps the trail forever")}
	}
	return nil
}

// auditStore is what the relay's stores keep of the trail.
type auditStore interface {
	audit.Reader
	PruneAudit(ctx context.Context, before time.Time) (int, error)
}

// Audit is the central audit trail, for the console and tools.
func (s *Server) Audit() audit.Reader { return s.store.(auditStore) }

// pushFailures hands failed pushes to the engine, which exists only after
// the dispatchers.
type pushFailures struct{ s *Server }

func (p pushFailures) PushFailed(ctx context.Context, ch relay.Channel, failed []relay.PushFailure) error {
	return p.s.engine.PushFailed(ctx, ch, failed)
}

// pruneAudit deletes rows past the retention now and then every hour
// until ctx ends.
func (s *Server) pruneAudit(ctx context.Context) {
	keep := s.cfg.Audit.retention()
	if keep == 0 {
		return
	}
	t := time.NewTicker(auditPruneEvery)
	defer t.Stop()
	for {
		if err := s.pruneAuditOnce(ctx, time.Now().Add(-keep)); err != nil && ctx.Err() == nil {
			s.log.Warn("audit trail not pruned; will retry in an hour", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *Server) pruneAuditOnce(ctx context.Context, before time.Time) error {
	n, err := s.store.(auditStore).PruneAudit(ctx, before)
	if err != nil {
		return fmt.Errorf("prune audit rows before %s: %w", before.Format(time.RFC3339), err)
	}
	if n > 0 {
		s.log.Info("audit rows past the retention deleted", "rows", n, "before", before.Format(time.RFC3339))
	}
	return nil
}

var (
	_ relay.FailureRecorder = pushFailures{}
	_ auditStore            = (*stock.BoltStore)(nil)
	_ auditStore            = (*pgstore.Store)(nil)
)
