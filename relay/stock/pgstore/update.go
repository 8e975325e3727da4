package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/edged/edged/relay/stock"
)

// Update implements stock.Store: lock, catch up, decide, write, notify,
// commit.
func (s *Store) Update(ctx context.Context, since uint64, apply func([]stock.Change) ([]stock.Mutation, error)) (uint64, error) {
	var next uint64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var cur int64
		if err := tx.QueryRow(ctx, "SELECT ver FROM relay_meta WHERE id = 1 FOR UPDATE").Scan(&cur); err != nil {
			return err
		}
		var changes []stock.Change
		if uint64(cur) > since {
			var err error
			if changes, err = readChanges(ctx, tx, since); err != nil {
				return err
			}
		}
		muts, err := apply(changes)
		if err != nil {
			return err
		}
		next = uint64(cur)
		muts, rows := splitAudit(muts)
		if len(muts) == 0 {
			return insertAudit(ctx, tx, rows) // a version is for what other relays must follow
		}
		next++
		return write(ctx, tx, next, muts, rows)
	})
	if err != nil {
		return 0, s.wrap("update", err)
	}
	return next, nil
}

// write sends every statement of one commit in one round trip.
func write(ctx context.Context, tx pgx.Tx, ver uint64, muts, rows []stock.Mutation) error {
	body, err := encodeChange(muts)
	if err != nil {
		return err
	}
	b := &pgx.Batch{}
	var guarded []stock.Mutation
	var upT, upK, upV, delT, delK []string
	for _, m := range muts {
		switch {
		case m.Guard:
			guarded = append(guarded, m)
			queueGuarded(b, m, ver)
		case m.Value == nil:
			delT, delK = append(delT, string(m.Table)), append(delK, m.Key)
		default:
			upT, upK, upV = append(upT, string(m.Table)), append(upK, m.Key), append(upV, string(m.Value))
		}
	}
	if len(upT) > 0 {
		b.Queue(`INSERT INTO relay_records (tbl, key, value, ver)
			SELECT t, k, v::jsonb, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS u(t, k, v)
			ON CONFLICT (tbl, key) DO UPDATE SET value = excluded.value, ver = excluded.ver`, upT, upK, upV, int64(ver))
	}
	if len(delT) > 0 {
		b.Queue(`DELETE FROM relay_records r USING unnest($1::text[], $2::text[]) AS u(t, k)
			WHERE r.tbl = u.t AND r.key = u.k`, delT, delK)
	}
	if err := queueAudit(b, rows); err != nil { // after the guarded writes: runBatch reads theirs first
		return err
	}
	b.Queue("INSERT INTO relay_changes (ver, muts) VALUES ($1, $2)", int64(ver), body)
	b.Queue("UPDATE relay_meta SET ver = $1 WHERE id = 1", int64(ver))
	b.Queue("SELECT pg_notify('relay_changes', $1)", strconv.FormatUint(ver, 10))
	return runBatch(ctx, tx, b, guarded)
}

// queueGuarded adds the conditional form of m: insert only when absent,
// or change only from the expected value.
func queueGuarded(b *pgx.Batch, m stock.Mutation, ver uint64) {
	switch {
	case m.Old == nil && m.Value != nil:
		b.Queue(`INSERT INTO relay_records (tbl, key, value, ver) VALUES ($1, $2, $3::jsonb, $4)
			ON CONFLICT (tbl, key) DO NOTHING`, string(m.Table), m.Key, string(m.Value), int64(ver))
	case m.Value == nil:
		b.Queue(`DELETE FROM relay_records WHERE tbl = $1 AND key = $2 AND value = $3::jsonb`,
			string(m.Table), m.Key, string(m.Old))
	default:
		b.Queue(`UPDATE relay_records SET value = $3::jsonb, ver = $4 WHERE tbl = $1 AND key = $2 AND value = $5::jsonb`,
			string(m.Table), m.Key, string(m.Value), int64(ver), string(m.Old))
	}
}

func runBatch(ctx context.Context, tx pgx.Tx, b *pgx.Batch, guarded []stock.Mutation) error {
	res := tx.SendBatch(ctx, b)
	for _, m := range guarded {
		tag, err := res.Exec()
		if err != nil {
			res.Close()
			return err
		}
		if tag.RowsAffected() != 1 {
			res.Close()
			return fmt.Errorf("%w: %s/%q was changed by another relay", stock.ErrConflict, m.Table, m.Key)
		}
	}
	return res.Close()
}

// mut is a Mutation as relay_changes keeps it: the value inline.
type mut struct {
	T stock.Table     `json:"t"`
	K string          `json:"k"`
	V json.RawMessage `json:"v,omitempty"`
}

func encodeChange(muts []stock.Mutation) ([]byte, error) {
	out := make([]mut, len(muts))
	for i, m := range muts {
		out[i] = mut{T: m.Table, K: m.Key, V: m.Value}
	}
	return json.Marshal(out)
}

func decodeChange(ver uint64, body []byte) (stock.Change, error) {
	var in []mut
	if err := json.Unmarshal(body, &in); err != nil {
		return stock.Change{}, fmt.Errorf("change %d is corrupt: %w", ver, err)
	}
	c := stock.Change{Version: ver, Muts: make([]stock.Mutation, len(in))}
	for i, m := range in {
		c.Muts[i] = stock.Mutation{Table: m.T, Key: m.K, Value: m.V}
		if len(m.V) == 0 {
			c.Muts[i].Value = nil
		}
	}
	return c, nil
}
