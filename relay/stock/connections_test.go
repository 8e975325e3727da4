package stock_test

import (
	"path/filepath"
	"testing"

	"github.com/edged/edged/relay/connect/connecttest"
	"github.com/edged/edged/relay/stock"
)

func TestBoltConnections(t *testing.T) {
	path := filepath.Join(t.TempDir(), "relay.db")
	s, err := stock.OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	connecttest.TestStore(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// The connections outlive the process, beside the stock tables.
	s, err = stock.OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if all, err := s.Connections(t.Context()); err != nil || len(all) != 3 {
		t.Errorf("after reopening: %d connections, %v", len(all), err)
	}
}
