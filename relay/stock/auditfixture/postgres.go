package auditfixture

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/edged/edged/relay/stock/pgstore"
)

// CopyPG bulk-loads rows 0..n-1 of gen into s's relay_audit with COPY,
// then refreshes the planner's statistics as autovacuum would have, so
// that the benchmark reads with the plan production would use.
func CopyPG(ctx context.Context, s *pgstore.Store, n int, gen Gen) error {
	cols := []string{"recorded", "sku", "site", "channel", "order_ref", "row"}
	for from := 0; from < n; from += batch {
		src, err := copyRows(gen, from, min(from+batch, n))
		if err != nil {
			return err
		}
		if _, err := s.Pool().CopyFrom(ctx, pgx.Identifier{"relay_audit"}, cols, pgx.CopyFromRows(src)); err != nil {
			return fmt.Errorf("audit fixture: copying rows %d..: %w", from, err)
		}
	}
	if _, err := s.Pool().Exec(ctx, "ANALYZE relay_audit"); err != nil {
		return fmt.Errorf("audit fixture: analyze: %w", err)
	}
	return nil
}

func copyRows(gen Gen, from, to int) ([][]any, error) {
	src := make([][]any, 0, to-from)
	for i := from; i < to; i++ {
		r := gen(i)
		v, err := json.Marshal(r)
		if err != nil {
			return nil, fmt.Errorf("audit fixture: row %d: %w", i, err)
		}
		src = append(src, []any{r.Recorded, r.SKU, r.Site, r.Channel, r.Order, json.RawMessage(v)})
	}
	return src, nil
}
