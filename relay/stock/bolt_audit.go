package stock

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/edged/edged/relay/audit"
)

// The trail in bbolt: bucket "audit" maps a big-endian row ID to the row;
// one index bucket per filter maps value␀ID to nothing, so that a SKU's
// rows are one backwards cursor walk from its newest.
var auditIndexes = []struct {
	bucket string
	value  func(audit.Row) string
}{
	{"audit_order", func(r audit.Row) string { return r.Order }},
	{"audit_sku", func(r audit.Row) string { return r.SKU }},
	{"audit_site", func(r audit.Row) string { return r.Site }},
	{"audit_channel", func(r audit.Row) string { return r.Channel }},
}

func createAuditBuckets(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists([]byte(TableAudit)); err != nil {
		return err
	}
	for _, ix := range auditIndexes {
		if _, err := tx.CreateBucketIfNotExists([]byte(ix.bucket)); err != nil {
			return err
		}
	}
	return nil
}

func idKey(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }

func indexKey(value string, id uint64) []byte {
	return binary.BigEndian.AppendUint64(append([]byte(value), 0), id)
}

// appendAudit stores the row in m under the next ID, with its index
// entries; now is the commit's time, for a row without one.
func appendAudit(tx *bolt.Tx, m Mutation, now time.Time) error {
	var r audit.Row
	if err := json.Unmarshal(m.Value, &r); err != nil {
		return fmt.Errorf("audit row: %w", err)
	}
	b := tx.Bucket([]byte(TableAudit))
	id, err := b.NextSequence()
	if err != nil {
		return err
	}
	r.ID = id
	if r.Recorded.IsZero() {
		r.Recorded = now
	}
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if err := b.Put(idKey(id), v); err != nil {
		return err
	}
	for _, ix := range auditIndexes {
		if val := ix.value(r); val != "" {
			if err := tx.Bucket([]byte(ix.bucket)).Put(indexKey(val, id), nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// Audit implements audit.Reader: newest first, from the most selective
// index the query names. Rows are in ID order, which is commit order;
// the walk stops at the first row recorded before q.From.
func (s *BoltStore) Audit(ctx context.Context, q audit.Query) ([]audit.Row, error) {
	var out []audit.Row
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = auditWalk(tx, q)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%w: audit: %w", ErrStore, err)
	}
	return out, nil
}

func auditWalk(tx *bolt.Tx, q audit.Query) ([]audit.Row, error) {
	rows := tx.Bucket([]byte(TableAudit))
	next := newestIDs(tx, q)
	limit := q.Limited()
	var out []audit.Row
	for id, ok := next(); ok && len(out) < limit; id, ok = next() {
		var r audit.Row
		if err := json.Unmarshal(rows.Get(idKey(id)), &r); err != nil {
			return nil, fmt.Errorf("row %d is corrupt: %w", id, err)
		}
		if !q.From.IsZero() && r.Recorded.Before(q.From) {
			break
		}
		if q.Matches(r) {
			out = append(out, r)
		}
	}
	return out, nil
}
