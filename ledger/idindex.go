package ledger

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The id index is written in two steps, like a database's change buffer.
// Ids are client keys, so putting each one straight into the id bucket
// dirties a page at a random place in it for every event, which is the
// largest share of a commit's work and of its bytes written. Instead a
// commit adds its ids to a tail bucket keyed by seq, which grows at one
// end like the log, and once idMergeAt ids have gathered one commit moves
// them, sorted, into the id bucket, touching each page once for many ids.
// The writer keeps the tail in memory too, so a retry is found either
// way; it is read back from the tail bucket at every open.

// idMergeAt is how many ids the tail gathers before they are merged. It
// bounds the writer's map and the extra work of the commit that merges.
const idMergeAt = 1024

// idEntry is what the index keeps for an id.
type idEntry struct {
	seq  uint64
	hash [16]byte
}

func (e idEntry) encode() []byte {
	return append(u64key(e.seq), e.hash[:]...)
}

func decodeIDEntry(v []byte) (idEntry, bool) {
	if len(v) != 24 {
		return idEntry{}, false
	}
	e := idEntry{seq: binary.BigEndian.Uint64(v)}
	copy(e.hash[:], v[8:])
	return e, true
}

// tail values: payload hash (16 B) then the id.
func encodeTailValue(id string, hash [16]byte) []byte {
	return append(hash[:], id...)
}

func decodeTailValue(v []byte) (id string, hash [16]byte, ok bool) {
	if len(v) <= 16 {
		return "", hash, false
	}
	copy(hash[:], v)
	return string(v[16:]), hash, true
}

// idTail is the writer's copy of the tail bucket, by id.
type idTail map[string]idEntry

// loadIDTail reads the tail bucket into memory.
func loadIDTail(tx *bolt.Tx) (idTail, error) {
	tail := idTail{}
	err := tx.Bucket(bucketIDTail).ForEach(func(k, v []byte) error {
		id, hash, ok := decodeTailValue(v)
		if len(k) != 8 || !ok {
			return fmt.Errorf("%w: malformed id tail entry %x", ErrCorrupt, k)
		}
		tail[id] = idEntry{seq: bytesU64(k), hash: hash}
		return nil
	})
	return tail, err
}

// lookupID finds an id recorded in this transaction, in the tail or in
// the id bucket.
func (t *wtx) lookupID(id string) (idEntry, bool) {
	if e, ok := t.addedIDs[id]; ok {
		return e, true
	}
	if e, ok := t.tail[id]; ok {
		return e, true
	}
	return decodeIDEntry(t.ids.Get([]byte(id)))
}

// known reports whether id is recorded.
func (t *wtx) known(id string) bool {
	_, ok := t.lookupID(id)
	return ok
}

// indexID records id for seq in the tail.
func (t *wtx) indexID(id string, seq uint64, hash [16]byte) error {
	if t.addedIDs == nil {
		t.addedIDs = idTail{}
	}
	t.addedIDs[id] = idEntry{seq: seq, hash: hash}
	return t.idTail.Put(u64key(seq), encodeTailValue(id, hash))
}

// mergeIDTail moves every id of the tail, including those this
// transaction added, into the id bucket and empties the tail.
func (t *wtx) mergeIDTail() error {
	pending := idTail{}
	if !t.tailMerged {
		maps.Copy(pending, t.tail)
	}
	maps.Copy(pending, t.addedIDs)
	if len(pending) == 0 {
		return nil
	}
	for _, id := range slices.Sorted(maps.Keys(pending)) {
		if err := t.ids.Put([]byte(id), pending[id].encode()); err != nil {
			return err
		}
	}
	// Dropping the bucket frees its pages without rewriting them.
	if err := t.tx.DeleteBucket(bucketIDTail); err != nil {
		return err
	}
	b, err := t.tx.CreateBucket(bucketIDTail)
	if err != nil {
		return err
	}
	b.FillPercent = 1.0
	t.idTail, t.tailMerged, t.addedIDs = b, true, nil
	return nil
}

// dropID removes a pruned event's id from the index; the tail must have
// been merged in this transaction.
func (t *wtx) dropID(id string) error {
	if !t.tailMerged && len(t.tail)+len(t.addedIDs) > 0 {
		return fmt.Errorf("ledger: dropping id %q before the id tail was merged", id)
	}
	return t.ids.Delete([]byte(id))
}

// apply brings the writer's tail up to date after t has committed.
func (tail idTail) apply(t *wtx) {
	if t.tailMerged {
		clear(tail)
	}
	for id, e := range t.addedIDs {
		tail[id] = e
	}
}

// checkIDTail: the tail's ids are unique and none is also in the id
// bucket, so that with the per-event check every id maps to one event.
func checkIDTail(tx *bolt.Tx) (int, error) {
	ids, seen, tail := tx.Bucket(bucketIDs), map[string]uint64{}, tx.Bucket(bucketIDTail)
	if tail == nil {
		return 0, nil // schema 1, read-only
	}
	err := tail.ForEach(func(k, v []byte) error {
		id, _, ok := decodeTailValue(v)
		switch {
		case len(k) != 8 || !ok:
			return fmt.Errorf("%w: malformed id tail entry %x", ErrCorrupt, k)
		case seen[id] != 0:
			return fmt.Errorf("%w: id %q is in the id tail for seq %d and %d", ErrCorrupt, id, seen[id], bytesU64(k))
		case ids.Get([]byte(id)) != nil:
			return fmt.Errorf("%w: id %q is in both the id index and its tail", ErrCorrupt, id)
		}
		seen[id] = bytesU64(k)
		return nil
	})
	return len(seen), err
}

// indexedSeq is the seq an id is indexed to, from the id bucket or, for
// seq's own tail entry, the tail.
func indexedSeq(tx *bolt.Tx, id string, seq uint64) (uint64, bool) {
	if e, ok := decodeIDEntry(tx.Bucket(bucketIDs).Get([]byte(id))); ok {
		return e.seq, true
	}
	tail := tx.Bucket(bucketIDTail)
	if tail == nil {
		return 0, false // schema 1, read-only
	}
	if tid, _, ok := decodeTailValue(tail.Get(u64key(seq))); ok && tid == id {
		return seq, true
	}
	return 0, false
}
