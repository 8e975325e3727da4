package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/fleet"
)

// ownerGone is true of a lease row whose owner's lease session PostgreSQL
// has closed: the owner died or lost its connection.
const ownerGone = `(l.pid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = l.pid))`

// acquireSQL takes a free or expired lease, or one whose owner's session
// is gone, with the next epoch; the owner's own is renewed, at the same
// epoch while its session is the same one. The last column says whether
// the lease was taken before it ran out.
const acquireSQL = `
	WITH prev AS (SELECT owner, expires_at > now() AS live FROM relay_leases WHERE channel = $1)
	INSERT INTO relay_leases AS l (channel, owner, epoch, expires_at, acquired_at, pid)
	VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond', now(), pg_backend_pid())
	ON CONFLICT (channel) DO UPDATE SET
		epoch = CASE WHEN ` + renewal + ` THEN l.epoch ELSE l.epoch + 1 END,
		acquired_at = CASE WHEN ` + renewal + ` THEN l.acquired_at ELSE now() END,
		owner = excluded.owner, expires_at = excluded.expires_at, pid = excluded.pid
	WHERE l.owner = excluded.owner OR l.expires_at <= now() OR ` + ownerGone + `
	RETURNING owner, epoch, extract(epoch FROM expires_at - now())::float8, acquired_at,
		coalesce((SELECT owner <> $2 AND live FROM prev), false)`

const renewal = `(l.owner = excluded.owner AND l.expires_at > now() AND l.pid IS NOT DISTINCT FROM excluded.pid)`

// Acquire implements fleet.LeaseStore in one statement on the lease
// session.
func (s *Store) Acquire(ctx context.Context, ch relay.Channel, owner string, ttl time.Duration) (fleet.Lease, error) {
	l := fleet.Lease{Channel: ch}
	var epoch int64
	var secs float64
	err := s.lease.do(ctx, func(c *pgx.Conn) error {
		err := c.QueryRow(ctx, acquireSQL, string(ch), owner, ttl.Milliseconds()).
			Scan(&l.Owner, &epoch, &secs, &l.AcquiredAt, &l.Forced)
		if errors.Is(err, pgx.ErrNoRows) {
			err = c.QueryRow(ctx, `SELECT owner, epoch, extract(epoch FROM expires_at - now())::float8, acquired_at
				FROM relay_leases WHERE channel = $1`, string(ch)).Scan(&l.Owner, &epoch, &secs, &l.AcquiredAt)
		}
		return err
	})
	if err != nil {
		return l, s.wrap("lease "+string(ch), err)
	}
	l.Epoch, l.Remaining = uint64(epoch), seconds(secs)
	return l, nil
}

// Vacant implements fleet.LeaseStore: one cheap query, run often by
// every instance.
func (s *Store) Vacant(ctx context.Context, owner string) ([]relay.Channel, error) {
	rows, err := s.pool.Query(ctx, `SELECT channel FROM relay_leases l
		WHERE owner <> $1 AND (expires_at <= now() OR `+ownerGone+`)`, owner)
	if err != nil {
		return nil, s.wrap("vacant leases", err)
	}
	chs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (relay.Channel, error) {
		var ch string
		err := r.Scan(&ch)
		return relay.Channel(ch), err
	})
	return chs, s.wrap("vacant leases", err)
}

// Check implements fleet.LeaseStore.
func (s *Store) Check(ctx context.Context, ch relay.Channel, owner string, epoch uint64) (time.Duration, error) {
	var secs float64
	err := s.pool.QueryRow(ctx, `SELECT extract(epoch FROM expires_at - now())::float8 FROM relay_leases
		WHERE channel = $1 AND owner = $2 AND epoch = $3 AND expires_at > now()`, string(ch), owner, int64(epoch)).Scan(&secs)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("%w: %s at epoch %d", fleet.ErrDeposed, ch, epoch)
	}
	if err != nil {
		return 0, s.wrap("lease check", err)
	}
	return seconds(secs), nil
}

// Release implements fleet.LeaseStore.
func (s *Store) Release(ctx context.Context, ch relay.Channel, owner string, epoch uint64) error {
	_, err := s.pool.Exec(ctx, `UPDATE relay_leases SET expires_at = now() WHERE channel = $1 AND owner = $2 AND epoch = $3`,
		string(ch), owner, int64(epoch))
	return s.wrap("lease release", err)
}

// Heartbeat implements fleet.LeaseStore; instances silent for a day are
// forgotten.
func (s *Store) Heartbeat(ctx context.Context, in fleet.Instance) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO relay_instances (id, version, host, started_at, heartbeat_at)
		VALUES ($1, $2, $3, $4, now())
		ON CONFLICT (id) DO UPDATE SET version = excluded.version, host = excluded.host,
			started_at = excluded.started_at, heartbeat_at = now()`, in.ID, in.Version, in.Host, in.Started)
	if err == nil {
		_, err = s.pool.Exec(ctx, "DELETE FROM relay_instances WHERE heartbeat_at < now() - interval '1 day'")
	}
	return s.wrap("heartbeat", err)
}

// Fleet implements fleet.LeaseStore.
func (s *Store) Fleet(ctx context.Context) ([]fleet.Instance, []fleet.Lease, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, version, host, started_at, heartbeat_at,
		extract(epoch FROM now() - heartbeat_at)::float8 FROM relay_instances
		WHERE heartbeat_at > now() - interval '10 minutes' ORDER BY id`)
	if err != nil {
		return nil, nil, s.wrap("fleet", err)
	}
	var ins []fleet.Instance
	var in fleet.Instance
	var age float64
	_, err = pgx.ForEachRow(rows, []any{&in.ID, &in.Version, &in.Host, &in.Started, &in.Heartbeat, &age}, func() error {
		in.Age = seconds(age)
		ins = append(ins, in)
		return nil
	})
	if err != nil {
		return nil, nil, s.wrap("fleet", err)
	}
	leases, err := s.leases(ctx)
	return ins, leases, err
}

func (s *Store) leases(ctx context.Context) ([]fleet.Lease, error) {
	rows, err := s.pool.Query(ctx, `SELECT channel, owner, epoch, extract(epoch FROM expires_at - now())::float8, acquired_at
		FROM relay_leases ORDER BY channel`)
	if err != nil {
		return nil, s.wrap("leases", err)
	}
	var out []fleet.Lease
	var l fleet.Lease
	var ch string
	var epoch int64
	var secs float64
	_, err = pgx.ForEachRow(rows, []any{&ch, &l.Owner, &epoch, &secs, &l.AcquiredAt}, func() error {
		l.Channel, l.Epoch, l.Remaining = relay.Channel(ch), uint64(epoch), seconds(secs)
		out = append(out, l)
		return nil
	})
	return out, s.wrap("leases", err)
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
