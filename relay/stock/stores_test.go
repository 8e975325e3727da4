package stock_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/edged/edged/internal/pgtest"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

// Every test of this package runs once per store: TestMain runs them on
// bbolt, then on a real PostgreSQL server started for the run.
var (
	storeKind = "bbolt"
	pgServer  *pgtest.Server
)

func TestMain(m *testing.M) {
	os.Exit(pgtest.Main(m, func(srv *pgtest.Server) int {
		code := m.Run()
		if code != 0 || srv == nil {
			return code
		}
		fmt.Println("--- the same tests on PostgreSQL")
		storeKind, pgServer = "postgres", srv
		return m.Run()
	}))
}

// newStorePath is a new empty store of this run's kind: a bbolt file or
// a PostgreSQL database.
func newStorePath(t testing.TB) string {
	t.Helper()
	t.Logf("store: %s", storeKind)
	if storeKind == "postgres" {
		return pgServer.NewDatabase(t)
	}
	return filepath.Join(t.TempDir(), "relay.db")
}

// openStore opens the store at path, as a relay would after a restart.
func openStore(t testing.TB, path string) stock.Store {
	t.Helper()
	var s stock.Store
	var err error
	if pgstore.IsDSN(path) {
		s, err = pgstore.Open(context.Background(), path)
	} else {
		s, err = stock.OpenBolt(path)
	}
	if err != nil {
		t.Fatal(err)
	}
	return s
}
