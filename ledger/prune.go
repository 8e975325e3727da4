package ledger

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// pruneBatch bounds one pruning transaction so that the writer is never
// held for long.
const pruneBatch = 10_000

// Prune folds acknowledged events older than the retention period into
// the checkpoint and deletes them with their ids, oldest first. Balances,
// cost layers and the hash chain stay verifiable; the audit trail keeps
// only the retained events. It returns how many events were pruned.
func (l *Ledger) Prune(ctx context.Context) (int, error) {
	cutoff := l.opts.Now().Add(-l.opts.Retention)
	total := 0
	for {
		res, err := l.write(ctx, &request{alone: true, apply: func(t *wtx) (Result, error) {
			n, err := t.prune(cutoff.UnixNano())
			return Result{Seq: uint64(n)}, err
		}})
		total += int(res.Seq)
		if err != nil || res.Seq < pruneBatch {
			return total, err
		}
	}
}

func (t *wtx) prune(cutoff int64) (int, error) {
	if err := t.mergeIDTail(); err != nil { // pruned ids may still be in the tail
		return 0, err
	}
	acked, archived := getU64(t.meta, metaAcked), getU64(t.meta, metaArchived)
	ckpt := t.tx.Bucket(bucketCkpt)
	value := int64(getU64(t.meta, metaCkptValue))
	var e Event
	var last []byte
	n := 0
	for seq := archived + 1; seq <= acked && n < pruneBatch; seq++ {
		rec := t.ev.Get(u64key(seq))
		if err := decodeRecord(rec, &e); err != nil {
			return n, fmt.Errorf("ledger: prune seq %d: %w", seq, err)
		}
		if e.Time.UnixNano() >= cutoff {
			break
		}
		if err := foldPostings(ckpt, &e); err != nil {
			return n, err
		}
		if err := foldSerial(t.tx.Bucket(bucketCkptSerial), &e); err != nil {
			return n, err
		}
		value += e.ValueDelta
		last = rec
		if err := t.deleteEvent(&e); err != nil {
			return n, err
		}
		n++
	}
	if n == 0 {
		return 0, nil
	}
	return n, t.putCheckpointMeta(archived+uint64(n), recordHash(last), value)
}

func foldPostings(ckpt *bolt.Bucket, e *Event) error {
	for _, p := range e.Postings {
		k := balKey(e.SKU, p.Location)
		b := decodeBalance(ckpt.Get(k))
		b.add(p.State, p.Delta)
		if err := ckpt.Put(k, b.encode()); err != nil {
			return err
		}
	}
	return nil
}

func (t *wtx) deleteEvent(e *Event) error {
	if err := t.dropID(e.ID); err != nil {
		return err
	}
	return t.ev.Delete(u64key(e.Seq))
}

func (t *wtx) putCheckpointMeta(archived uint64, hash [32]byte, value int64) error {
	if getU64(t.meta, metaVerified) < archived {
		if err := t.meta.Put(metaVerified, u64key(archived)); err != nil {
			return err
		}
	}
	if err := t.meta.Put(metaArchivedHash, hash[:]); err != nil {
		return err
	}
	if err := t.meta.Put(metaCkptValue, u64key(uint64(value))); err != nil {
		return err
	}
	return t.meta.Put(metaArchived, u64key(archived))
}

// CompactResult reports a file compaction.
type CompactResult struct {
	Pruned int   `json:"pruned"`
	Before int64 `json:"bytes_before"`
	After  int64 `json:"bytes_after"`
}

// Compact prunes what retention allows, then rewrites the file into a
// fresh one beside it and renames it into place, so bbolt's free pages
// are returned to the filesystem. The ledger must not be open elsewhere.
func Compact(ctx context.Context, path string, opts *Options) (CompactResult, error) {
	var r CompactResult
	l, err := Open(path, opts)
	if err != nil {
		return r, err
	}
	r.Pruned, err = l.Prune(ctx)
	if err == nil {
		_, err = l.Verify()
	}
	if err == nil {
		r.Before, r.After, err = copyCompacted(l.db, path, &l.opts)
	}
	if cerr := l.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return r, fmt.Errorf("ledger: compact %s: %w", path, err)
	}
	return r, finishCompact(path)
}

func copyCompacted(src *bolt.DB, path string, o *Options) (before, after int64, err error) {
	tmp := path + ".compacting"
	_ = os.Remove(tmp)
	dst, err := bolt.Open(tmp, 0o600, boltOptions(o))
	if err != nil {
		return 0, 0, err
	}
	err = bolt.Compact(dst, src, 1<<20)
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp)
		return 0, 0, err
	}
	return fileSize(path), fileSize(tmp), nil
}

// finishCompact swaps the compacted copy in after the source is closed.
func finishCompact(path string) error {
	if err := os.Rename(path+".compacting", path); err != nil {
		return fmt.Errorf("ledger: compact %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}
