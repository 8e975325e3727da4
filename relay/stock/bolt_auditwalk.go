package stock

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/edged/edged/relay/audit"
)

// newestIDs returns an iterator over the IDs of candidate rows for q,
// newest first and below q.Before: those of the first index whose filter
// q sets (auditIndexes lists them most selective first), else every row.
func newestIDs(tx *bolt.Tx, q audit.Query) func() (uint64, bool) {
	before := q.Before
	if before == 0 {
		before = math.MaxUint64
	}
	filters := map[string]string{"audit_order": q.Order, "audit_sku": q.SKU, "audit_site": q.Site, "audit_channel": q.Channel}
	for _, ix := range auditIndexes {
		if v := filters[ix.bucket]; v != "" {
			return indexWalk(tx.Bucket([]byte(ix.bucket)).Cursor(), append([]byte(v), 0), before)
		}
	}
	return indexWalk(tx.Bucket([]byte(TableAudit)).Cursor(), nil, before)
}

// indexWalk walks keys prefix+ID backwards from the last ID below before.
func indexWalk(c *bolt.Cursor, prefix []byte, before uint64) func() (uint64, bool) {
	var k []byte
	started := false
	return func() (uint64, bool) {
		if !started {
			started = true
			k, _ = c.Seek(binary.BigEndian.AppendUint64(bytes.Clone(prefix), before))
			if k == nil {
				k, _ = c.Last()
			} else {
				k, _ = c.Prev()
			}
		} else {
			k, _ = c.Prev()
		}
		for k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8 {
			if id := binary.BigEndian.Uint64(k[len(prefix):]); id < before {
				return id, true
			}
			k, _ = c.Prev()
		}
		return 0, false
	}
}

// PruneAudit deletes the rows recorded before t, with their index
// entries, and returns how many it deleted. IDs follow commit order, so
// it deletes from the oldest until the first row it keeps; it works in
// transactions of a few thousand rows so that a year's first prune does
// not hold the write lock for long.
func (s *BoltStore) PruneAudit(ctx context.Context, before time.Time) (int, error) {
	total := 0
	for {
		n, more := 0, false
		err := s.db.Update(func(tx *bolt.Tx) error {
			var err error
			n, more, err = pruneSome(tx, before, 5000)
			return err
		})
		total += n
		if err != nil {
			return total, fmt.Errorf("%w: prune audit: %w", ErrStore, err)
		}
		if !more || ctx.Err() != nil {
			return total, ctx.Err()
		}
	}
}

// pruneSome deletes up to limit of the oldest rows recorded before t; more
// says whether it stopped at the limit.
func pruneSome(tx *bolt.Tx, before time.Time, limit int) (n int, more bool, err error) {
	rows := tx.Bucket([]byte(TableAudit))
	var doomed []audit.Row
	c := rows.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(doomed) == limit {
			more = true
			break
		}
		var r audit.Row
		if err := json.Unmarshal(v, &r); err != nil {
			return 0, false, fmt.Errorf("row %x is corrupt: %w", k, err)
		}
		if !r.Recorded.Before(before) {
			break
		}
		doomed = append(doomed, r)
	}
	for _, r := range doomed {
		if err := deleteRow(tx, r); err != nil {
			return 0, false, err
		}
	}
	return len(doomed), more, nil
}

func deleteRow(tx *bolt.Tx, r audit.Row) error {
	if err := tx.Bucket([]byte(TableAudit)).Delete(idKey(r.ID)); err != nil {
		return err
	}
	for _, ix := range auditIndexes {
		if v := ix.value(r); v != "" {
			if err := tx.Bucket([]byte(ix.bucket)).Delete(indexKey(v, r.ID)); err != nil {
				return err
			}
		}
	}
	return nil
}
