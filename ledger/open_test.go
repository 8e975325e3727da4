package ledger_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	bolt "go.etcd.io/bbolt"
)

func TestOpenRefusesForeignAndGarbageFiles(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "other.db")
	db, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("users")); return err })
	db.Close()
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, bytes.Repeat([]byte("not a database "), 2000), 0o600)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	for _, path := range []string{foreign, garbage, empty} {
		before, _ := os.ReadFile(path)
		_, err := ledger.Open(path, nil)
		if !errors.Is(err, ledger.ErrNotLedger) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: got %v, want ErrNotLedger naming the file", path, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("%s was modified", path)
		}
	}
}

func TestOpenWhileLockedSaysWhy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.db")
	l, err := ledger.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, err = ledger.Open(path, &ledger.Options{LockTimeout: 50 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "locked by another process") {
		t.Fatalf("second open: %v", err)
	}
}

// tamper rewrites one value of a closed ledger behind its back.
func tamper(t *testing.T, path string, bucket string, key []byte, edit func([]byte) []byte) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucket))
		return b.Put(key, edit(bytes.Clone(b.Get(key))))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func seqKey(seq uint64) []byte {
	return []byte{0, 0, 0, 0, 0, 0, byte(seq >> 8), byte(seq)}
}

func closedLedger(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "l.db")
	l, err := ledger.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustAppend(t, l, receive("r1", "SKU-1", "A", 10, 100))
	mustAppend(t, l, ev("s1", ledger.Sale, "SKU-1", "A", 4))
	l.Close()
	return path
}

func TestOpenDetectsTamperedEventsSinceLastVerify(t *testing.T) {
	for name, edit := range map[string]func([]byte) []byte{
		"bit flip":  func(v []byte) []byte { v[len(v)-3] ^= 1; return v },
		"re-summed": resum,
		"truncated": func(v []byte) []byte { return v[:20] },
	} {
		t.Run(name, func(t *testing.T) {
			path := closedLedger(t)
			// the first open verified seq 1..2; a new event is only checked at the next open
			l, err := ledger.Open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			mustAppend(t, l, ev("s2", ledger.Sale, "SKU-1", "A", 1))
			l.Close()
			tamper(t, path, "ev", seqKey(3), edit)
			if _, err := ledger.Open(path, nil); !errors.Is(err, ledger.ErrCorrupt) {
				t.Fatalf("open after tampering: %v, want ErrCorrupt", err)
			}
		})
	}
}

// resum changes the quantity byte and fixes the CRC, so only the hash
// chain can tell.
func resum(v []byte) []byte {
	v[len(v)-1] ^= 2
	return ledger.ResumForTest(v)
}

func TestVerifyDetectsStateThatDisagreesWithTheLog(t *testing.T) {
	path := closedLedger(t)
	tamper(t, path, "stock", []byte("SKU-1\x00A"), func(v []byte) []byte { v[7]++; return v })
	l, err := ledger.Open(path, nil) // the chain is intact, so open succeeds
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.Verify(); !errors.Is(err, ledger.ErrCorrupt) || !strings.Contains(err.Error(), "balance of SKU-1 at A") {
		t.Fatalf("verify: %v, want the SKU-1 balance named", err)
	}
}
