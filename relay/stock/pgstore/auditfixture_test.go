package pgstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/edged/edged/relay/stock/auditfixture"
	"github.com/edged/edged/relay/stock/pgstore"
)

var (
	boltOnce, pgOnce sync.Once
	boltPath, pgDSN  string
	boltErr, pgErr   error
)

// boltFixture is the cached 1M-row bbolt store, built once per machine
// (under os.TempDir(), by fixture version) so that repeated benchmark
// runs do not build it again. The benchmark only reads it.
func boltFixture(b *testing.B) string {
	boltOnce.Do(func() {
		boltPath, boltErr = auditfixture.Cached(benchFixture, auditfixture.Rows, auditfixture.Year)
	})
	if boltErr != nil {
		b.Fatal(boltErr)
	}
	return boltPath
}

// pgFixture is a database holding the 1M rows, copied in once per
// process; it lives as long as the test server.
func pgFixture(b *testing.B) string {
	pgOnce.Do(func() { pgDSN, pgErr = buildPG() })
	if pgErr != nil {
		b.Fatal(pgErr)
	}
	return pgDSN
}

func buildPG() (string, error) {
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, pg.DSN("postgres"))
	if err != nil {
		return "", err
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE auditbench"); err != nil {
		return "", err
	}
	dsn := pg.DSN("auditbench")
	s, err := pgstore.Open(ctx, dsn)
	if err != nil {
		return "", err
	}
	defer s.Close()
	if err := auditfixture.CopyPG(ctx, s, auditfixture.Rows, auditfixture.Year); err != nil {
		return "", fmt.Errorf("audit fixture: %w", err)
	}
	return dsn, nil
}
