package server_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/edged/edged/internal/pgtest"
)

// Every test of this package runs once per store: on bbolt, then on a
// real PostgreSQL server started for the run.
var (
	storeKind = "bbolt"
	pgServer  *pgtest.Server
)

func TestMain(m *testing.M) {
	os.Exit(pgtest.Main(m, func(srv *pgtest.Server) int {
		if code := m.Run(); code != 0 {
			return code
		}
		fmt.Println("--- the same tests on PostgreSQL")
		storeKind, pgServer = "postgres", srv
		return m.Run()
	}))
}

// newStore is the configured store of a new relay: a bbolt file or a
// PostgreSQL database.
func newStore(t testing.TB) string {
	t.Helper()
	t.Logf("store: %s", storeKind)
	if storeKind == "postgres" {
		return pgServer.NewDatabase(t)
	}
	return filepath.Join(t.TempDir(), "relay.db")
}
