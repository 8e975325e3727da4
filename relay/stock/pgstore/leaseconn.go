package pgstore

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
)

// leaseConn is the one connection a relay takes and renews its leases
// on. Its backend pid is written into each lease it holds, so that the
// others know the owner is alive exactly as long as this session is: a
// pooled connection could be closed for idleness and look like a death.
type leaseConn struct {
	cfg *pgx.ConnConfig

	mu   sync.Mutex
	conn *pgx.Conn
}

// do runs fn on the connection, connecting first when there is none or
// the last one broke; once more on a new connection when fn found the
// old one broken (the server ended the session, or restarted).
func (c *leaseConn) do(ctx context.Context, fn func(*pgx.Conn) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	err := c.try(ctx, fn)
	if err != nil && c.conn != nil && c.conn.IsClosed() && ctx.Err() == nil {
		err = c.try(ctx, fn)
	}
	return err
}

func (c *leaseConn) try(ctx context.Context, fn func(*pgx.Conn) error) error {
	if c.conn == nil || c.conn.IsClosed() {
		conn, err := pgx.ConnectConfig(ctx, c.cfg)
		if err != nil {
			return err
		}
		c.conn = conn
	}
	return fn(c.conn)
}

// leaseConfig is the pool's connection settings, except that a context
// ending mid-query (a renewal that took too long) cancels the query on
// the server rather than cutting the connection: cutting it would end the
// session whose life tells the others that this relay is alive.
func leaseConfig(pool *pgx.ConnConfig) *pgx.ConnConfig {
	cfg := pool.Copy()
	cfg.BuildContextWatcherHandler = func(pc *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: pc, DeadlineDelay: 5 * time.Second}
	}
	return cfg
}

func (c *leaseConn) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		_ = c.conn.Close(context.Background())
		c.conn = nil
	}
}
