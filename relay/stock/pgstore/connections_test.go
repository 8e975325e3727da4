package pgstore_test

import (
	"testing"

	"github.com/edged/edged/relay/connect/connecttest"
)

func TestPostgresConnections(t *testing.T) {
	dsn := pg.NewDatabase(t)
	connecttest.TestStore(t, open(t, dsn))
	// A second instance on the same database sees the same versions.
	all, err := open(t, dsn).Connections(t.Context())
	if err != nil || len(all) != 3 || all[2].Version != 2 {
		t.Errorf("from another pool: %+v, %v", all, err)
	}
}
