package pgstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/edged/edged/relay/stock"
)

// Store is a stock.Store on PostgreSQL. Its methods are safe for
// concurrent use.
type Store struct {
	pool  *pgxpool.Pool
	dsn   string
	lease *leaseConn
}

// IsDSN reports whether a configured store names PostgreSQL rather than a
// bbolt file.
func IsDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Redact is dsn without its password, for logs and errors.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(unparsable DSN)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "REDACTED")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "REDACTED")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Open connects to dsn and applies the schema steps the database lacks.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("%w: store %s: %v", stock.ErrStore, Redact(dsn), redactErr(err, dsn))
	}
	cfg.MaxConns = max(cfg.MaxConns, 8)
	cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("%w: store %s: %v", stock.ErrStore, Redact(dsn), redactErr(err, dsn))
	}
	s := &Store{pool: pool, dsn: dsn, lease: &leaseConn{cfg: leaseConfig(cfg.ConnConfig)}}
	if _, err := Migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("%w: store %s: %v", stock.ErrStore, Redact(dsn), redactErr(err, dsn))
	}
	return s, nil
}

// Pool is the connection pool, for the fleet's leases and tools.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close implements stock.Store.
func (s *Store) Close() error {
	s.lease.close()
	s.pool.Close()
	return nil
}

// Ping checks the database within ctx, for health.
func (s *Store) Ping(ctx context.Context) error { return s.wrap("ping", s.pool.Ping(ctx)) }

// Load implements stock.Store from one consistent snapshot.
func (s *Store) Load(ctx context.Context) (stock.Snapshot, error) {
	snap := stock.Snapshot{Records: map[stock.Table]map[string][]byte{}}
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT ver FROM relay_meta WHERE id = 1").Scan(&snap.Version); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "SELECT tbl, key, value::text FROM relay_records")
		if err != nil {
			return err
		}
		var tbl, key string
		var value []byte
		_, err = pgx.ForEachRow(rows, []any{&tbl, &key, &value}, func() error {
			t := stock.Table(tbl)
			if snap.Records[t] == nil {
				snap.Records[t] = map[string][]byte{}
			}
			snap.Records[t][key] = append([]byte(nil), value...)
			return nil
		})
		return err
	})
	return snap, s.wrap("load", err)
}

// Changes implements stock.Store. Versions are taken under the write
// lock and a commit's successor can only start after it, so what one
// query sees has no holes.
func (s *Store) Changes(ctx context.Context, since uint64) ([]stock.Change, error) {
	out, err := readChanges(ctx, s.pool, since)
	return out, s.wrap("changes", err)
}

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func readChanges(ctx context.Context, q querier, since uint64) ([]stock.Change, error) {
	rows, err := q.Query(ctx, "SELECT ver, muts FROM relay_changes WHERE ver > $1 ORDER BY ver", int64(since))
	if err != nil {
		return nil, err
	}
	var out []stock.Change
	var ver int64
	var body []byte
	_, err = pgx.ForEachRow(rows, []any{&ver, &body}, func() error {
		c, err := decodeChange(uint64(ver), body)
		out = append(out, c)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) > 0 && out[0].Version != since+1 {
		return nil, fmt.Errorf("%w: at version %d, the oldest change kept is %d", stock.ErrBehind, since, out[0].Version)
	}
	return out, nil
}

// wrap names the operation and marks store failures; a unique key that
// another relay took first is a conflict.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, stock.ErrConflict) || errors.Is(err, stock.ErrBehind) {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return fmt.Errorf("%w: %s", stock.ErrConflict, pe.Detail)
	}
	return fmt.Errorf("%w: postgres %s: %v", stock.ErrStore, op, redactErr(err, s.dsn))
}

// redactErr keeps a DSN's password out of an error's text.
func redactErr(err error, dsn string) error {
	u, perr := url.Parse(dsn)
	if perr != nil {
		return errors.New("(error withheld: it may contain the DSN)")
	}
	msg := err.Error()
	if p, ok := u.User.Password(); ok && p != "" {
		msg = strings.ReplaceAll(msg, p, "REDACTED")
	}
	return errors.New(msg)
}
