// Package ledgertest opens real ledgers for tests and checks every
// invariant when the test ends.
package ledgertest

import (
	"path/filepath"
	"testing"

	"github.com/edged/edged/ledger"
)

// Open opens a new ledger file in t.TempDir(). At cleanup it runs a full
// Verify, failing the test on any violation, and closes the ledger.
func Open(t testing.TB, opts *ledger.Options) *ledger.Ledger {
	t.Helper()
	return OpenPath(t, filepath.Join(t.TempDir(), "ledger.db"), opts)
}

// OpenPath is Open on a given path (to reopen a file in a test).
func OpenPath(t testing.TB, path string, opts *ledger.Options) *ledger.Ledger {
	t.Helper()
	l, err := ledger.Open(path, opts)
	if err != nil {
		t.Fatalf("open ledger: %v", err)
	}
	t.Cleanup(func() { MustVerify(t, l); _ = l.Close() })
	return l
}

// MustVerify fails the test when the ledger violates an invariant.
func MustVerify(t testing.TB, l *ledger.Ledger) ledger.VerifyReport {
	t.Helper()
	r, err := l.Verify()
	if err != nil {
		t.Fatalf("ledger verify: %v", err)
	}
	return r
}
