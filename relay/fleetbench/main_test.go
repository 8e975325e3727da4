package fleetbench_test

import (
	"os"
	"testing"

	"github.com/edged/edged/internal/pgtest"
)

// TestMain stops the PostgreSQL server that the postgres sub-benchmarks
// start on first use (one per test binary).
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
