package ledger

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Ledger is an open ledger file. Its methods are safe for concurrent use.
type Ledger struct {
	db   *bolt.DB
	opts Options
	path string
	w    *writer // nil when read-only
	tail idTail  // ids not yet merged into the id bucket (idindex.go); writer only
}

// Open opens the ledger at path, creating it atomically when it does not
// exist. A file that is not an edged ledger, or fails its integrity
// check, is refused and never written to. Close releases it.
func Open(path string, opts *Options) (*Ledger, error) {
	o := opts.withDefaults()
	if err := prepareFile(path, &o); err != nil {
		return nil, err
	}
	db, err := bolt.Open(path, 0o600, boltOptions(&o))
	if err != nil {
		return nil, explainOpenError(path, err)
	}
	l := &Ledger{db: db, opts: o, path: path}
	if err := l.checkIdentity(); err != nil {
		db.Close()
		return nil, err
	}
	if err := l.verifyAtOpen(); err != nil {
		db.Close()
		return nil, err
	}
	if !o.ReadOnly {
		if err := l.prepareWriter(); err != nil {
			db.Close()
			return nil, err
		}
		l.w = startWriter(l)
	}
	return l, nil
}

// Close stops the writer after the queued requests and closes the file.
func (l *Ledger) Close() error {
	if l.w != nil {
		l.w.stop()
	}
	return l.db.Close()
}

// Path returns the file path.
func (l *Ledger) Path() string { return l.path }

func boltOptions(o *Options) *bolt.Options {
	return &bolt.Options{
		Timeout:        o.LockTimeout,
		NoFreelistSync: true,
		FreelistType:   bolt.FreelistMapType,
		PageSize:       pageSize,
		MaxSize:        int(o.MaxSize),
		ReadOnly:       o.ReadOnly,
	}
}

func prepareFile(path string, o *Options) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist) && !o.ReadOnly:
		return createAtomically(path, o)
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("ledger: %s does not exist; check --db", path)
	case err != nil:
		return fmt.Errorf("ledger: %w", err)
	case st.IsDir():
		return fmt.Errorf("ledger: %s is a directory; give the path of the ledger file", path)
	case st.Size() == 0:
		return fmt.Errorf("ledger: %s: %w: the file is empty; move it away to create a new ledger", path, ErrNotLedger)
	}
	return nil
}

// createAtomically initialises a new ledger under a temporary name and
// renames it into place, so a power cut during creation never leaves a
// half-initialised file at path.
func createAtomically(path string, o *Options) error {
	tmp := path + ".creating"
	_ = os.Remove(tmp)
	db, err := bolt.Open(tmp, 0o600, boltOptions(o))
	if err != nil {
		return fmt.Errorf("ledger: create %s: %w", path, err)
	}
	err = db.Update(initialise)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err == nil {
		err = syncDir(filepath.Dir(path))
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("ledger: create %s: %w", path, err)
	}
	return nil
}

func initialise(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	epoch := make([]byte, 16)
	_, _ = rand.Read(epoch)
	m := tx.Bucket(bucketMeta)
	for k, v := range map[string][]byte{
		string(metaMagic): []byte(ledgerMagic), string(metaSchema): u64key(schemaVersion),
		string(metaEpoch): epoch,
	} {
		if err := m.Put([]byte(k), v); err != nil {
			return err
		}
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func explainOpenError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("ledger: %s is locked by another process (is edged running? stop it or query it with `edged status`): %w", path, err)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return fmt.Errorf("ledger: %s: %w (%v); it was left untouched: restore it from a backup or move it away to start a new ledger", path, ErrNotLedger, err)
	}
	return fmt.Errorf("ledger: open %s: %w", path, err)
}

// checkIdentity refuses bbolt files that some other program wrote.
func (l *Ledger) checkIdentity() error {
	return l.db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if m == nil || !bytes.Equal(m.Get(metaMagic), []byte(ledgerMagic)) {
			return fmt.Errorf("ledger: %s: %w: it is a bbolt file without edged's marker; it was left untouched", l.path, ErrNotLedger)
		}
		v := getU64(m, metaSchema)
		if v > schemaVersion || v < 1 {
			return fmt.Errorf("ledger: %s has schema %d; this edged reads schema %d: upgrade edged", l.path, v, schemaVersion)
		}
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil && !(v == 1 && bytes.Equal(name, bucketIDTail)) {
				return fmt.Errorf("ledger: %s: %w: bucket %q is missing", l.path, ErrCorrupt, name)
			}
		}
		return nil
	})
}

// prepareWriter reads the id tail into memory, first upgrading a schema
// 1 file (which has none); only the upgrade writes.
func (l *Ledger) prepareWriter() error {
	upgrade := false
	err := l.db.View(func(tx *bolt.Tx) error {
		if upgrade = tx.Bucket(bucketIDTail) == nil; upgrade {
			return nil
		}
		var err error
		l.tail, err = loadIDTail(tx)
		return err
	})
	if err != nil || !upgrade {
		return err
	}
	l.tail = idTail{}
	return l.db.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucket(bucketIDTail); err != nil {
			return fmt.Errorf("ledger: %s: upgrade to schema %d: %w", l.path, schemaVersion, err)
		}
		return tx.Bucket(bucketMeta).Put(metaSchema, u64key(schemaVersion))
	})
}
