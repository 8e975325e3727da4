package stock

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BoltStore is a Store in one bbolt file, one bucket per Table.
type BoltStore struct {
	db *bolt.DB
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
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%w: init %s: %w", ErrStore, path, err)
	}
	return &BoltStore{db: db}, nil
}

// Load implements Store.
func (s *BoltStore) Load(ctx context.Context) (map[Table]map[string][]byte, error) {
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
		return nil, fmt.Errorf("%w: load: %w", ErrStore, err)
	}
	return out, nil
}

// Commit implements Store in one bbolt transaction (fsynced on commit).
func (s *BoltStore) Commit(ctx context.Context, muts []Mutation) error {
	if len(muts) == 0 {
		return nil
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, m := range muts {
			b := tx.Bucket([]byte(m.Table))
			if b == nil {
				return fmt.Errorf("unknown table %q", m.Table)
			}
			if err := putOrDelete(b, m); err != nil {
				return fmt.Errorf("%s/%s: %w", m.Table, m.Key, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%w: commit: %w", ErrStore, err)
	}
	return nil
}

func putOrDelete(b *bolt.Bucket, m Mutation) error {
	if m.Value == nil {
		return b.Delete([]byte(m.Key))
	}
	return b.Put([]byte(m.Key), m.Value)
}

// Close implements Store.
func (s *BoltStore) Close() error { return s.db.Close() }
