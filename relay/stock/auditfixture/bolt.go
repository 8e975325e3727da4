package auditfixture

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/edged/edged/relay/stock"
)

// batch is the rows per commit (bbolt) or per COPY (PostgreSQL): large
// enough to amortise a commit, small enough to bound memory.
const batch = 10_000

// Cached is the bbolt store of n rows of gen, built under os.TempDir()
// as name (which must carry the generator's version) unless it is
// already there. The caller opens it; opening it with the relay writes
// to it, so copy it first (Copy) when the next run must find it as built.
func Cached(name string, n int, gen Gen) (string, error) {
	path := filepath.Join(os.TempDir(), name)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("audit fixture: %w", err)
	}
	return path, buildBolt(path, n, gen)
}

// buildBolt writes the fixture to a temporary file and renames it, so
// that an interrupted build leaves no half fixture behind.
func buildBolt(path string, n int, gen Gen) error {
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	s, err := stock.OpenBolt(tmp)
	if err != nil {
		return fmt.Errorf("audit fixture %s: %w", tmp, err)
	}
	err = FillBolt(context.Background(), s, n, gen)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("audit fixture %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// FillBolt appends rows 0..n-1 of gen to s's audit trail, a batch per
// commit.
func FillBolt(ctx context.Context, s *stock.BoltStore, n int, gen Gen) error {
	for from := 0; from < n; from += batch {
		muts, err := mutations(gen, from, min(from+batch, n))
		if err != nil {
			return err
		}
		if _, err := s.Update(ctx, 0, func([]stock.Change) ([]stock.Mutation, error) { return muts, nil }); err != nil {
			return fmt.Errorf("rows %d..: %w", from, err)
		}
	}
	return nil
}

func mutations(gen Gen, from, to int) ([]stock.Mutation, error) {
	muts := make([]stock.Mutation, 0, to-from)
	for i := from; i < to; i++ {
		v, err := json.Marshal(gen(i))
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i, err)
		}
		muts = append(muts, stock.Mutation{Table: stock.TableAudit, Value: v})
	}
	return muts, nil
}
