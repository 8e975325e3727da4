package ledger

import (
	"crypto/sha256"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// VerifyReport is what a full verification covered.
type VerifyReport struct {
	Events    uint64 `json:"events"` // events replayed
	Head      uint64 `json:"head"`
	Acked     uint64 `json:"acked"`
	Archived  uint64 `json:"archived"`
	Balances  int    `json:"balances"`
	SKUs      int    `json:"skus"`
	Layers    int    `json:"layers"`
	OpenCount int    `json:"open_counts"`
}

// Verify replays the whole log and checks every invariant: seq
// contiguous, checksums and hash chain intact, balances equal to the
// replay from the checkpoint, sku totals and the location index equal to
// the balances, cost layers reconciled with on-hand and value, every id
// mapped to exactly one event, the outbox watermark within the log,
// frozen locations matching open counts, and bbolt's own page check. The
// error names the first violation and wraps ErrCorrupt.
//
// On a writable ledger it runs in a write transaction that it rolls back,
// so appends wait until it ends: bbolt's page check reads the file's live
// freelist, which a concurrent commit changes, and then reports pages
// that commit freed as "reachable freed" (a false corruption, and a data
// race). A read-only ledger has no writer in this process, and bbolt's
// file lock keeps writers in others out.
func (l *Ledger) Verify() (VerifyReport, error) {
	var r VerifyReport
	verify := func(tx *bolt.Tx) error {
		v := newVerifier(tx)
		if err := v.run(&r); err != nil {
			return err
		}
		for err := range tx.Check() {
			return fmt.Errorf("%w: bbolt page check: %v", ErrCorrupt, err)
		}
		return nil
	}
	if l.opts.ReadOnly {
		return r, l.db.View(verify)
	}
	tx, err := l.db.Begin(true)
	if err != nil {
		return r, fmt.Errorf("ledger: verify: %w", err)
	}
	defer tx.Rollback()
	return r, verify(tx)
}

// verifyAtOpen checks the chain of the events recorded since the last
// verified position, so that every open costs time in proportion to
// what is new, and advances that position.
func (l *Ledger) verifyAtOpen() error {
	var head uint64
	err := l.db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		from := getU64(m, metaVerified)
		var err error
		head, err = checkChain(tx, max(from, getU64(m, metaArchived)), nil)
		return err
	})
	if err != nil {
		return fmt.Errorf("ledger: %s: %w; the writer stays stopped: run `edged ledger verify` and restore from a backup if needed", l.path, err)
	}
	if l.opts.ReadOnly {
		return nil
	}
	return l.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(metaVerified, u64key(head))
	})
}

// checkChain walks the log after seq from, checking contiguity, record
// checksums and the hash chain up to the recorded head. visit, when not
// nil, receives each decoded event.
func checkChain(tx *bolt.Tx, from uint64, visit func(*Event) error) (uint64, error) {
	m := tx.Bucket(bucketMeta)
	head, prev, err := chainStart(tx, from)
	if err != nil {
		return 0, err
	}
	want := from + 1
	var e Event
	hasher := sha256.New()
	c := tx.Bucket(bucketEvents).Cursor()
	for k, v := c.Seek(u64key(want)); k != nil; k, v = c.Next() {
		seq := bytesU64(k)
		if seq != want {
			return 0, fmt.Errorf("%w: seq %d follows %d: the log has a gap", ErrCorrupt, seq, want-1)
		}
		if err := decodeRecord(v, &e); err != nil {
			return 0, fmt.Errorf("seq %d: %w", seq, err)
		}
		if h := chainHash(hasher, prev, v[recordHeader:]); h != recordHash(v) || e.Seq != seq {
			return 0, fmt.Errorf("%w: seq %d: hash chain broken", ErrCorrupt, seq)
		}
		prev, want = recordHash(v), want+1
		if visit != nil {
			if err := visit(&e); err != nil {
				return 0, err
			}
		}
	}
	if want-1 != head || (head > from && prev != getHash(m, metaHeadHash)) {
		return 0, fmt.Errorf("%w: log ends at seq %d but the head says %d", ErrCorrupt, want-1, head)
	}
	return head, nil
}

// chainStart returns the head and the chain hash at position from: the
// stored hash of event from, or the archived hash when from is the
// archive boundary.
func chainStart(tx *bolt.Tx, from uint64) (head uint64, prev [32]byte, err error) {
	m := tx.Bucket(bucketMeta)
	head = getU64(m, metaHead)
	archived := getU64(m, metaArchived)
	switch {
	case from > head || archived > head:
		return 0, prev, fmt.Errorf("%w: position %d (archived %d) is beyond the head %d", ErrCorrupt, from, archived, head)
	case from == archived:
		return head, getHash(m, metaArchivedHash), nil
	}
	v := tx.Bucket(bucketEvents).Get(u64key(from))
	if err := checkRecord(v); err != nil {
		return 0, prev, fmt.Errorf("seq %d: %w", from, err)
	}
	return head, recordHash(v), nil
}

func bytesU64(b []byte) uint64 {
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}
