package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/edged/edged/relay"
)

// Connection implements connect.Store.
func (s *Store) Connection(ctx context.Context, ch relay.Channel) (relay.ConnectionRecord, error) {
	rec := relay.ConnectionRecord{Channel: ch}
	var ver int64
	err := s.pool.QueryRow(ctx, "SELECT sealed, version, updated_at FROM relay_connections WHERE channel = $1",
		string(ch)).Scan(&rec.Sealed, &ver, &rec.Updated)
	if errors.Is(err, pgx.ErrNoRows) {
		return rec, fmt.Errorf("%s: %w", ch, relay.ErrNotConnected)
	}
	rec.Version = uint64(ver)
	return rec, s.wrap("connection "+string(ch), err)
}

// SaveConnection implements connect.Store: an insert when version is 0,
// else an update conditional on the version, in one statement.
func (s *Store) SaveConnection(ctx context.Context, ch relay.Channel, sealed []byte, version uint64) (uint64, error) {
	const insert = `INSERT INTO relay_connections (channel, sealed, version) VALUES ($1, $2, 1)
		ON CONFLICT (channel) DO NOTHING`
	const update = `UPDATE relay_connections SET sealed = $2, version = version + 1, updated_at = now()
		WHERE channel = $1 AND version = $3`
	var err error
	var n int64
	if version == 0 {
		tag, e := s.pool.Exec(ctx, insert, string(ch), sealed)
		n, err = tag.RowsAffected(), e
	} else {
		tag, e := s.pool.Exec(ctx, update, string(ch), sealed, int64(version))
		n, err = tag.RowsAffected(), e
	}
	if err != nil {
		return 0, s.wrap("save connection "+string(ch), err)
	}
	if n == 0 {
		return 0, fmt.Errorf("%s: %w (version %d is no longer the stored one)", ch, relay.ErrConnectionChanged, version)
	}
	return version + 1, nil
}

// Connections implements connect.Store.
func (s *Store) Connections(ctx context.Context) ([]relay.ConnectionRecord, error) {
	rows, err := s.pool.Query(ctx, "SELECT channel, sealed, version, updated_at FROM relay_connections ORDER BY channel")
	if err != nil {
		return nil, s.wrap("connections", err)
	}
	var out []relay.ConnectionRecord
	var ch string
	var sealed []byte
	var ver int64
	var at time.Time
	_, err = pgx.ForEachRow(rows, []any{&ch, &sealed, &ver, &at}, func() error {
		out = append(out, relay.ConnectionRecord{Channel: relay.Channel(ch), Sealed: append([]byte(nil), sealed...), Version: uint64(ver), Updated: at})
		return nil
	})
	return out, s.wrap("connections", err)
}
