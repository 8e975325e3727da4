package auditfixture_test

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/auditfixture"
)

// A small fixture reads back as the benchmarks read the big one: each
// SKU's rows, newest first, and a copy holds the same rows.
func TestFillBoltWritesEveryRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fixture.db")
	s, err := stock.OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	// 25,000 rows: more than one batch, and rows 20,000.. wrap the SKUs.
	if err := auditfixture.FillBolt(context.Background(), s, 25_000, auditfixture.Year); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	dup := filepath.Join(t.TempDir(), "copy.db")
	if err := auditfixture.Copy(path, dup); err != nil {
		t.Fatal(err)
	}
	if err := auditfixture.Copy(path, dup); !errors.Is(err, fs.ErrExist) {
		t.Errorf("copying over an existing file: %v", err)
	}
	c, err := stock.OpenBolt(dup)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rows, err := c.Audit(context.Background(), audit.Query{SKU: auditfixture.SKU(7)})
	if err != nil || len(rows) != 3 {
		t.Fatalf("SKU 7: %d rows, %v", len(rows), err)
	}
	if want := auditfixture.Year(20_007); rows[0].Order != want.Order || !rows[0].Recorded.Equal(want.Recorded) {
		t.Errorf("newest row %+v, want %+v", rows[0], want)
	}
}
