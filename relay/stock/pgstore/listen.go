package pgstore

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
)

// Listen calls changed whenever another relay commits (NOTIFY
// relay_changes) and after every (re)connection, since notifications sent
// while disconnected are lost: the caller re-reads then. It reconnects
// with backoff until ctx ends, and returns ctx's error.
func (s *Store) Listen(ctx context.Context, log *slog.Logger, changed func()) error {
	backoff := 250 * time.Millisecond
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, changed)
		if ctx.Err() != nil {
			break
		}
		log.Warn("store notifications lost; reconnecting", "err", err, "in", backoff)
		t := time.NewTimer(backoff/2 + rand.N(backoff/2))
		select {
		case <-ctx.Done():
		case <-t.C:
		}
		t.Stop()
		backoff = min(2*backoff, 10*time.Second)
	}
	return ctx.Err()
}

func (s *Store) listenOnce(ctx context.Context, changed func()) error {
	cfg := s.pool.Config().ConnConfig.Copy()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return redactErr(err, s.dsn)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN relay_changes"); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	changed()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return redactErr(err, s.dsn)
		}
		changed()
	}
}

// Maintain deletes changes older than keep every minute until ctx ends: a
// relay further behind than keep loads the whole store again.
func (s *Store) Maintain(ctx context.Context, keep time.Duration, log *slog.Logger) error {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
		_, err := s.pool.Exec(ctx, `DELETE FROM relay_changes WHERE at < now() - $1 * interval '1 millisecond'
			AND ver < (SELECT ver FROM relay_meta WHERE id = 1)`, keep.Milliseconds())
		if err != nil {
			log.Warn("pruning old store changes", "err", s.wrap("prune", err))
		}
	}
}
