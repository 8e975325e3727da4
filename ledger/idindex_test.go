package ledger

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func tailEvent(i int) Event {
	return Event{ID: fmt.Sprintf("ev-%05d", i), Type: Receive, SKU: fmt.Sprintf("SKU-%d", i%7), Location: "A-01",
		Qty: 1, UnitCost: Cost(100), Time: time.Unix(1_790_000_000+int64(i), 0), User: "ana", Device: "scan-1"}
}

// appendConcurrently records events 0..n-1 from 16 producers, so that
// they share commits as on a busy floor.
func appendConcurrently(t *testing.T, l *Ledger, n int) map[string]uint64 {
	t.Helper()
	var mu sync.Mutex
	seqs := map[string]uint64{}
	var wg sync.WaitGroup
	for p := range 16 {
		wg.Go(func() {
			for i := p; i < n; i += 16 {
				r, err := l.Append(context.Background(), tailEvent(i))
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				seqs[tailEvent(i).ID] = r.Seq
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return seqs
}

// everyIDIsKnown retries every event and a changed copy of each.
func everyIDIsKnown(t *testing.T, l *Ledger, seqs map[string]uint64) {
	t.Helper()
	for i := range len(seqs) {
		e := tailEvent(i)
		r, err := l.Append(context.Background(), e)
		if err != nil || !r.Duplicate || r.Seq != seqs[e.ID] {
			t.Fatalf("retry of %s: %+v, %v; want duplicate of seq %d", e.ID, r, err, seqs[e.ID])
		}
		e.Qty = 2
		if _, err := l.Append(context.Background(), e); !errors.Is(err, ErrIDConflict) {
			t.Fatalf("changed retry of %s: %v, want ErrIDConflict", e.ID, err)
		}
	}
}

func TestIDTailMergesAndEveryIDStaysKnownAcrossReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.db")
	l, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := idMergeAt + idMergeAt/2
	seqs := appendConcurrently(t, l, n)
	merged := bucketKeys(t, l, bucketIDs)
	if merged < idMergeAt || merged+len(l.tail) != n || bucketKeys(t, l, bucketIDTail) != len(l.tail) {
		t.Fatalf("after %d events: %d ids merged, %d in the tail (bucket %d)", n, merged, len(l.tail), bucketKeys(t, l, bucketIDTail))
	}
	everyIDIsKnown(t, l, seqs)
	l.Close()
	l, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if len(l.tail) != n-merged {
		t.Fatalf("reopened with %d ids in the tail, want %d", len(l.tail), n-merged)
	}
	everyIDIsKnown(t, l, seqs)
	if _, err := l.Verify(); err != nil {
		t.Fatal(err)
	}
}

func TestPruneMergesTheIDTailFirst(t *testing.T) {
	now := time.Unix(1_790_000_000, 0).Add(200 * 24 * time.Hour)
	l, err := Open(filepath.Join(t.TempDir(), "l.db"), &Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	seqs := appendConcurrently(t, l, 40)
	if err := l.Ack(context.Background(), 30); err != nil {
		t.Fatal(err)
	}
	if n, err := l.Prune(context.Background()); err != nil || n != 30 {
		t.Fatalf("prune: %d, %v; want 30", n, err)
	}
	if len(l.tail) != 0 || bucketKeys(t, l, bucketIDs) != 10 {
		t.Fatalf("after prune: tail %d, ids %d; want 0 and 10", len(l.tail), bucketKeys(t, l, bucketIDs))
	}
	for id, seq := range seqs {
		if seq <= 30 {
			continue // pruned: its id is forgotten with it
		}
		if r, err := l.Append(context.Background(), tailEvent(mustAtoi(t, id))); err != nil || !r.Duplicate {
			t.Fatalf("retry of retained %s: %+v, %v", id, r, err)
		}
	}
	if _, err := l.Verify(); err != nil {
		t.Fatal(err)
	}
}

func mustAtoi(t *testing.T, id string) int {
	var i int
	if _, err := fmt.Sscanf(id, "ev-%d", &i); err != nil {
		t.Fatal(err)
	}
	return i
}

func bucketKeys(t *testing.T, l *Ledger, name []byte) int {
	t.Helper()
	n := 0
	if err := l.db.View(func(tx *bolt.Tx) error { n = tx.Bucket(name).Stats().KeyN; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestVerifyCatchesIDIndexFaults(t *testing.T) {
	// Each case breaks the index of the last event (in the tail) or the
	// first (merged).
	for name, c := range map[string]struct {
		edit func(tx *bolt.Tx, first, last string, lastSeq uint64) error
		want string
	}{
		"tail entry lost": {func(tx *bolt.Tx, _, _ string, lastSeq uint64) error {
			return tx.Bucket(bucketIDTail).Delete(u64key(lastSeq))
		}, "not indexed"},
		"merged id lost": {func(tx *bolt.Tx, first, _ string, _ uint64) error {
			return tx.Bucket(bucketIDs).Delete([]byte(first))
		}, "not indexed"},
		"merged id points elsewhere": {func(tx *bolt.Tx, first, _ string, _ uint64) error {
			return tx.Bucket(bucketIDs).Put([]byte(first), idEntry{seq: 999_999}.encode())
		}, "not indexed"},
		"id in both": {func(tx *bolt.Tx, _, last string, lastSeq uint64) error {
			return tx.Bucket(bucketIDs).Put([]byte(last), idEntry{seq: lastSeq}.encode())
		}, "in both the id index and its tail"},
		"tail id twice": {func(tx *bolt.Tx, _, last string, _ uint64) error {
			return tx.Bucket(bucketIDTail).Put(u64key(999_999), encodeTailValue(last, [16]byte{}))
		}, "in the id tail for seq"},
	} {
		t.Run(name, func(t *testing.T) {
			l, err := Open(filepath.Join(t.TempDir(), "l.db"), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			seqs := appendConcurrently(t, l, idMergeAt+10)
			first, last := idOf(seqs, 1), idOf(seqs, uint64(len(seqs)))
			if _, inTail := l.tail[last]; !inTail {
				t.Fatalf("the last event %s is not in the tail", last)
			}
			if err := l.db.Update(func(tx *bolt.Tx) error { return c.edit(tx, first, last, seqs[last]) }); err != nil {
				t.Fatal(err)
			}
			if _, err = l.Verify(); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("verify: %v; want ErrCorrupt saying %q", err, c.want)
			}
		})
	}
}

func idOf(seqs map[string]uint64, seq uint64) string {
	for id, s := range seqs {
		if s == seq {
			return id
		}
	}
	return ""
}

func TestSchema1FileIsUpgradedWhenOpenedForWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.db")
	l, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	appendConcurrently(t, l, 5)
	// Turn it into what schema 1 wrote: every id in the id bucket.
	err = l.db.Update(func(tx *bolt.Tx) error {
		if err := newWtx(tx, &l.opts, l.tail).mergeIDTail(); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketIDTail); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(metaSchema, u64key(1))
	})
	l.Close()
	if err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, &Options{ReadOnly: true}) // queries read schema 1 as it is
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ro.Verify(); err != nil {
		t.Fatalf("verify schema 1 read-only: %v", err)
	}
	ro.Close()
	l, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	seqs := appendConcurrently(t, l, 8) // 0-4 are duplicates, 5-7 new
	everyIDIsKnown(t, l, seqs)
	if _, err := l.Verify(); err != nil {
		t.Fatal(err)
	}
}
