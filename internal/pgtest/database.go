package pgtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

const adminTimeout = 30 * time.Second

// NewDatabase creates an empty database whose name, unique on the
// server, is derived from tb.Name(), and returns its DSN. tb.Cleanup
// drops it WITH (FORCE), closing connections left open, unless the server
// is down then (its directory goes anyway).
func (s *Server) NewDatabase(tb testing.TB) string {
	tb.Helper()
	name := pgx.Identifier{dbName(tb.Name(), s.dbs.Add(1))}
	if err := s.admin("CREATE DATABASE " + name.Sanitize()); err != nil {
		tb.Fatalf("pgtest: create database %s: %v", name[0], err)
	}
	tb.Cleanup(func() {
		if !s.Running() {
			return
		}
		if err := s.admin("DROP DATABASE IF EXISTS " + name.Sanitize() + " WITH (FORCE)"); err != nil {
			tb.Errorf("pgtest: drop database %s: %v", name[0], err)
		}
	})
	return s.DSN(name[0])
}

// admin runs one statement in the database postgres.
func (s *Server) admin(sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), adminTimeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.DSN("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// dbName makes a readable database name from a test name: lower case
// letters, digits and _, short enough for the 63-byte limit.
func dbName(test string, n int64) string {
	b := []byte(strings.ToLower(test))
	for i, c := range b {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			b[i] = '_'
		}
	}
	if len(b) > 40 {
		b = b[:40]
	}
	return fmt.Sprintf("%s_%d", b, n)
}
