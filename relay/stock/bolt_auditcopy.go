package stock

import (
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/edged/edged/relay/audit"
)

// AuditAfter returns up to limit rows with IDs above after, oldest
// first: how `relay store copy` moves the whole trail in commit order.
func (s *BoltStore) AuditAfter(ctx context.Context, after uint64, limit int) ([]audit.Row, error) {
	var out []audit.Row
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket([]byte(TableAudit)).Cursor()
		for k, v := c.Seek(idKey(after + 1)); k != nil && len(out) < limit; k, v = c.Next() {
			var r audit.Row
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("row %x is corrupt: %w", k, err)
			}
			out = append(out, r)
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("%w: audit: %w", ErrStore, err)
	}
	return out, nil
}

// AuditCopy is the mutation that appends r, as it was recorded, to
// another store's trail (it gets a new ID there; its times are kept).
func AuditCopy(r audit.Row) Mutation {
	r.ID = 0
	return Mutation{Table: TableAudit, Value: encode(r)}
}
