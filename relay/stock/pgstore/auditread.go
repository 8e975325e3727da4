package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/edged/edged/relay/audit"
)

// Audit implements audit.Reader: newest first. Each filter is an
// equality on an indexed column (sku, id), so a SKU's page is one index
// range read backwards from Before.
func (s *Store) Audit(ctx context.Context, q audit.Query) ([]audit.Row, error) {
	where, args := auditWhere(q)
	sql := "SELECT id, row FROM relay_audit" + where + fmt.Sprintf(" ORDER BY id DESC LIMIT %d", q.Limited())
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, s.wrap("audit", err)
	}
	var out []audit.Row
	var id int64
	var body []byte
	_, err = pgx.ForEachRow(rows, []any{&id, &body}, func() error {
		var r audit.Row
		if err := json.Unmarshal(body, &r); err != nil {
			return fmt.Errorf("audit row %d is corrupt: %w", id, err)
		}
		r.ID = uint64(id)
		out = append(out, r)
		return nil
	})
	return out, s.wrap("audit", err)
}

func auditWhere(q audit.Query) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	for _, f := range []struct{ col, v string }{{"sku", q.SKU}, {"site", q.Site}, {"channel", q.Channel}, {"order_ref", q.Order}} {
		if f.v != "" {
			add(f.col+" = $%d", f.v)
		}
	}
	if !q.From.IsZero() {
		add("recorded >= $%d", q.From)
	}
	if !q.To.IsZero() {
		add("recorded < $%d", q.To)
	}
	if q.Before > 0 {
		add("id < $%d", int64(min(q.Before, 1<<63-1)))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// PruneAudit deletes the rows recorded before t and returns how many, in
// transactions of pruneBatch rows so that a first prune of a long trail
// neither holds locks nor grows the WAL in one go.
func (s *Store) PruneAudit(ctx context.Context, before time.Time) (int, error) {
	total := 0
	for {
		tag, err := s.pool.Exec(ctx, `DELETE FROM relay_audit WHERE id IN
			(SELECT id FROM relay_audit WHERE recorded < $1 ORDER BY recorded LIMIT $2)`, before, pruneBatch)
		if err != nil {
			return total, s.wrap("prune audit", err)
		}
		total += int(tag.RowsAffected())
		if tag.RowsAffected() < pruneBatch {
			return total, nil
		}
	}
}

const pruneBatch = 10_000
