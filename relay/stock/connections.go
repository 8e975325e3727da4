package stock

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/edged/edged/relay"
)

// connectionsBucket holds one sealed connection per channel (relay
// connect); it is not a Table: the engine never loads it.
var connectionsBucket = []byte("connections")

// boltConnection is a connections value.
type boltConnection struct {
	Sealed  []byte    `json:"sealed"`
	Version uint64    `json:"version"`
	Updated time.Time `json:"updated"`
}

// Connection implements connect.Store.
func (s *BoltStore) Connection(ctx context.Context, ch relay.Channel) (relay.ConnectionRecord, error) {
	var rec relay.ConnectionRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		var found bool
		var err error
		rec, found, err = getConnection(tx.Bucket(connectionsBucket), ch)
		if err == nil && !found {
			err = fmt.Errorf("%s: %w", ch, relay.ErrNotConnected)
		}
		return err
	})
	return rec, err
}

// SaveConnection implements connect.Store in one bbolt transaction.
func (s *BoltStore) SaveConnection(ctx context.Context, ch relay.Channel, sealed []byte, version uint64) (uint64, error) {
	next := version + 1
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(connectionsBucket)
		if err != nil {
			return fmt.Errorf("%w: connections: %w", ErrStore, err)
		}
		have, _, err := getConnection(b, ch)
		if err != nil {
			return err
		}
		if have.Version != version {
			return fmt.Errorf("%s: %w (stored version %d, read %d)", ch, relay.ErrConnectionChanged, have.Version, version)
		}
		v, err := json.Marshal(boltConnection{Sealed: sealed, Version: next, Updated: time.Now().UTC()})
		if err == nil {
			err = b.Put([]byte(ch), v)
		}
		if err != nil {
			return fmt.Errorf("%w: save connection %s: %w", ErrStore, ch, err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return next, nil
}

// Connections implements connect.Store.
func (s *BoltStore) Connections(ctx context.Context) ([]relay.ConnectionRecord, error) {
	var out []relay.ConnectionRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(connectionsBucket)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			r, _, err := getConnection(b, relay.Channel(k))
			out = append(out, r)
			return err
		})
	})
	return out, err
}

// getConnection reads ch's record from b, which may be nil (no
// connection ever saved); without one it returns version 0, not found.
func getConnection(b *bolt.Bucket, ch relay.Channel) (relay.ConnectionRecord, bool, error) {
	var v []byte
	if b != nil {
		v = b.Get([]byte(ch))
	}
	if v == nil {
		return relay.ConnectionRecord{Channel: ch}, false, nil
	}
	var c boltConnection
	if err := json.Unmarshal(v, &c); err != nil {
		return relay.ConnectionRecord{}, false, fmt.Errorf("%w: connection %s: %w", ErrStore, ch, err)
	}
	return relay.ConnectionRecord{Channel: ch, Sealed: c.Sealed, Version: c.Version, Updated: c.Updated}, true, nil
}
