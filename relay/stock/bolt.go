package stock

import (
	"bytes"
	"context"
	"fmt"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BoltStore is a Store in one bbolt file, one bucket per Table, for one
// relay: the file lock keeps a second relay out, so there are never
// changes by others to catch up with.
type BoltStore struct {
	db  *bolt.DB
	ver atomic.Uint64 // commits since open
}

// OpenBolt opens or creates the store file at path. It fails fast (1 s)
// when another process holds the file.
func OpenBolt(path string) (*BoltStore, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return nil, fmt.Errorf("%w: open %s: %w (is another relay using it?)", ErrStore, path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, t := range Tables() {
			if _, err := tx.CreateBucketIfNotExists([]byte(t)); err != nil {
				return err
			}
		}
		return createAuditBuckets(tx)
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%w: init %s: %w", ErrStore, path, err)
	}
	return &BoltStore{db: db}, nil
}

// Load implements Store.
func (s *BoltStore) Load(ctx context.Context) (Snapshot, error) {
	out := map[Table]map[string][]byte{}
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, t := range Tables() {
			m := map[string][]byte{}
			err := tx.Bucket([]byte(t)).ForEach(func(k, v []byte) error {
				m[string(k)] = append([]byte(nil), v...)
				return nil
			})
			if err != nil {
				return err
			}
			out[t] = m
		}
		return nil
	})
	if err != nil {
		return Snapshot{}, fmt.Errorf("%w: load: %w", ErrStore, err)
	}
	return Snapshot{Version: s.ver.Load(), Records: out}, nil
}

// Update implements Store in one bbolt transaction (fsynced on commit).
func (s *BoltStore) Update(ctx context.Context, since uint64, apply func([]Change) ([]Mutation, error)) (uint64, error) {
	muts, err := apply(nil)
	if err != nil || len(muts) == 0 {
		return s.ver.Load(), err
	}
	now := time.Now().UTC()
	err = s.db.Update(func(tx *bolt.Tx) error {
		for _, m := range muts {
			if m.Table == TableAudit {
				if err := appendAudit(tx, m, now); err != nil {
					return fmt.Errorf("audit: %w", err)
				}
				continue
			}
			b := tx.Bucket([]byte(m.Table))
			if b == nil {
				return fmt.Errorf("unknown table %q", m.Table)
			}
			if m.Guard && !bytes.Equal(b.Get([]byte(m.Key)), m.Old) {
				return fmt.Errorf("%w: %s/%q", ErrConflict, m.Table, m.Key)
			}
			if err := putOrDelete(b, m); err != nil {
				return fmt.Errorf("%s/%s: %w", m.Table, m.Key, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("%w: commit: %w", ErrStore, err)
	}
	return s.ver.Add(1), nil
}

// Changes implements Store: no other relay writes this file.
func (s *BoltStore) Changes(ctx context.Context, since uint64) ([]Change, error) { return nil, nil }

func putOrDelete(b *bolt.Bucket, m Mutation) error {
	if m.Value == nil {
		return b.Delete([]byte(m.Key))
	}
	return b.Put([]byte(m.Key), m.Value)
}

// Close implements Store.
func (s *BoltStore) Close() error { return s.db.Close() }
