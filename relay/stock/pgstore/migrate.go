package pgstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrateLock is the advisory lock key held while migrating ("edgedrly").
const migrateLock = 0x6564676564726c79

// Migration is one schema step.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists the embedded schema steps in order.
func Migrations() ([]Migration, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]Migration, 0, len(names))
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", base)
		}
		b, err := migrations.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: base, SQL: string(b)})
	}
	return out, nil
}

// Migrate applies the steps the database lacks, each in its own
// transaction, and returns the names applied. A database migrated by a
// newer relay is refused: this relay does not know its schema.
func Migrate(ctx context.Context, pool *pgxpool.Pool) ([]string, error) {
	steps, err := Migrations()
	if err != nil {
		return nil, err
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(migrateLock)); err != nil {
		return nil, fmt.Errorf("migrate: lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", int64(migrateLock))
	have, err := applied(ctx, conn.Conn())
	if err != nil {
		return nil, err
	}
	if newest := steps[len(steps)-1].Version; have > newest {
		return nil, fmt.Errorf("migrate: the database is at schema %d, this relay knows %d: upgrade the relay", have, newest)
	}
	var done []string
	for _, m := range steps {
		if m.Version <= have {
			continue
		}
		if err := apply(ctx, conn.Conn(), m); err != nil {
			return done, err
		}
		done = append(done, m.Name)
	}
	return done, nil
}

func applied(ctx context.Context, c *pgx.Conn) (int, error) {
	_, err := c.Exec(ctx, `CREATE TABLE IF NOT EXISTS relay_schema (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	var v int
	if err := c.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM relay_schema").Scan(&v); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	return v, nil
}

func apply(ctx context.Context, c *pgx.Conn, m Migration) error {
	err := pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "INSERT INTO relay_schema (version, name) VALUES ($1, $2)", m.Version, m.Name)
		return err
	})
	if err != nil {
		return fmt.Errorf("migrate: %s: %w", m.Name, err)
	}
	return nil
}
