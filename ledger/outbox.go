package ledger

import (
	"context"
	"encoding/hex"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Status summarises the log and the outbox.
type Status struct {
	Epoch    string    `json:"epoch"`     // random id of this ledger file, set at creation
	Head     uint64    `json:"head"`      // last recorded seq
	HeadHash string    `json:"head_hash"` // chain hash of the last event
	Acked    uint64    `json:"acked"`     // cumulative uplink acknowledgement
	Archived uint64    `json:"archived"`  // last seq folded into the checkpoint
	Pending  uint64    `json:"pending"`   // events awaiting acknowledgement
	Oldest   time.Time `json:"oldest_pending,omitzero"`
	Bytes    int64     `json:"bytes"` // size of the file
}

// Status reads the log head and the outbox watermark.
func (l *Ledger) Status() (Status, error) {
	var s Status
	err := l.db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		h := getHash(m, metaHeadHash)
		s = Status{Epoch: hex.EncodeToString(m.Get(metaEpoch)), Head: getU64(m, metaHead),
			HeadHash: hex.EncodeToString(h[:]), Acked: getU64(m, metaAcked),
			Archived: getU64(m, metaArchived), Bytes: tx.Size()}
		s.Pending = s.Head - s.Acked
		if s.Pending > 0 {
			var e Event
			if err := decodeRecord(tx.Bucket(bucketEvents).Get(u64key(s.Acked+1)), &e); err != nil {
				return err
			}
			s.Oldest = e.Time
		}
		return nil
	})
	return s, err
}

// Pending returns, in order, up to max unacknowledged events with a seq
// greater than after. The uplink passes the last seq it has sent so
// that a send window can run ahead of the acknowledgements.
func (l *Ledger) Pending(after uint64, max int) ([]Event, error) {
	var out []Event
	err := l.db.View(func(tx *bolt.Tx) error {
		after = maxU64(after, getU64(tx.Bucket(bucketMeta), metaAcked))
		c := tx.Bucket(bucketEvents).Cursor()
		for k, v := c.Seek(u64key(after + 1)); k != nil && len(out) < max; k, v = c.Next() {
			var e Event
			if err := decodeRecord(v, &e); err != nil {
				return fmt.Errorf("ledger: pending seq %x: %w", k, err)
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// Ack records that the relay durably holds every event up to and
// including upto. It is cumulative: an older ack is ignored.
func (l *Ledger) Ack(ctx context.Context, upto uint64) error {
	_, err := l.write(ctx, &request{apply: func(t *wtx) (Result, error) {
		if upto > t.head {
			return Result{}, fmt.Errorf("%w: ack %d but the last event is %d (was the ledger replaced or restored?)", ErrBadAck, upto, t.head)
		}
		if upto <= getU64(t.meta, metaAcked) {
			return Result{}, nil
		}
		return Result{}, t.meta.Put(metaAcked, u64key(upto))
	}})
	return err
}

func maxU64(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}
