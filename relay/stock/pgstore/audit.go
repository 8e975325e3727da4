package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/stock"
)

// splitAudit separates the audit rows of a commit from its records.
func splitAudit(muts []stock.Mutation) (records, rows []stock.Mutation) {
	records = muts[:0:0]
	for _, m := range muts {
		if m.Table == stock.TableAudit {
			rows = append(rows, m)
		} else {
			records = append(records, m)
		}
	}
	return records, rows
}

// queueAudit adds the insert of rows to b, to run in the commit's
// transaction: a row is there exactly when its change is.
func queueAudit(b *pgx.Batch, rows []stock.Mutation) error {
	if len(rows) == 0 {
		return nil
	}
	now := time.Now().UTC()
	cols := make([][]string, 5)
	var recorded []time.Time
	for _, m := range rows {
		var r audit.Row
		if err := json.Unmarshal(m.Value, &r); err != nil {
			return fmt.Errorf("audit row: %w", err)
		}
		if r.Recorded.IsZero() {
			r.Recorded = now
		}
		r.ID = 0 // the column's
		v, err := json.Marshal(r)
		if err != nil {
			return err
		}
		recorded = append(recorded, r.Recorded)
		for i, c := range []string{r.SKU, r.Site, r.Channel, r.Order, string(v)} {
			cols[i] = append(cols[i], c)
		}
	}
	b.Queue(`INSERT INTO relay_audit (recorded, sku, site, channel, order_ref, row)
		SELECT t, s, si, c, o, r::jsonb FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
		AS u(t, s, si, c, o, r)`,
		recorded, cols[0], cols[1], cols[2], cols[3], cols[4])
	return nil
}

// insertAudit inserts rows alone, for a commit that changes no record.
func insertAudit(ctx context.Context, tx pgx.Tx, rows []stock.Mutation) error {
	b := &pgx.Batch{}
	if err := queueAudit(b, rows); err != nil || b.Len() == 0 {
		return err
	}
	return tx.SendBatch(ctx, b).Close()
}
