package flashsale_test

import (
	"os"
	"testing"

	"github.com/edged/edged/internal/pgtest"
)

// TestMain stops the PostgreSQL server that BenchmarkFlashSale/postgres3
// and the fleet test start on first use (one per test binary).
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
