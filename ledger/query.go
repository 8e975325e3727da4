package ledger

import (
	"bytes"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Balance is the stock of one sku at one location.
type Balance struct {
	SKU      string `json:"sku"`
	Location string `json:"location"`
	OnHand   int64  `json:"on_hand"`
	Damaged  int64  `json:"damaged"`
}

// Balances lists balances, filtered by sku and/or location when given,
// ordered by sku then location.
func (l *Ledger) Balances(sku, loc string) ([]Balance, error) {
	var out []Balance
	err := l.db.View(func(tx *bolt.Tx) error {
		var prefix []byte
		if sku != "" {
			prefix = skuPrefix(sku)
		}
		c := tx.Bucket(bucketStock).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			s, kind, lo := parseStockKey(k)
			if kind != stockBalance || loc != "" && lo != loc {
				continue
			}
			b := decodeBalance(v)
			out = append(out, Balance{s, lo, b.OnHand, b.Damaged})
		}
		return nil
	})
	return out, err
}

// LogFilter selects audit-trail entries. Empty fields match everything.
type LogFilter struct {
	SKU, Location, User, Device, Order string
	Types                              []Type
	From, To                           time.Time // wall time, To exclusive
	AfterSeq                           uint64
	Limit                              int // 0: no limit
}

func (f *LogFilter) match(e *Event) bool {
	switch {
	case f.SKU != "" && e.SKU != f.SKU,
		f.Location != "" && e.Location != f.Location && e.ToLocation != f.Location,
		f.User != "" && e.User != f.User,
		f.Device != "" && e.Device != f.Device,
		f.Order != "" && e.Order != f.Order,
		len(f.Types) > 0 && !slices.Contains(f.Types, e.Type),
		!f.From.IsZero() && e.Time.Before(f.From),
		!f.To.IsZero() && !e.Time.Before(f.To):
		return false
	}
	return true
}

// Log calls fn for each recorded event matching f, in seq order. Each
// event's postings carry the resulting balances. fn must not keep e.
func (l *Ledger) Log(f LogFilter, fn func(e *Event) error) error {
	return l.db.View(func(tx *bolt.Tx) error {
		var e Event
		n := 0
		c := tx.Bucket(bucketEvents).Cursor()
		for k, v := c.Seek(u64key(f.AfterSeq + 1)); k != nil; k, v = c.Next() {
			if err := decodeRecord(v, &e); err != nil {
				return err
			}
			if !f.match(&e) {
				continue
			}
			if err := fn(&e); err != nil {
				return err
			}
			if n++; f.Limit > 0 && n >= f.Limit {
				return nil
			}
		}
		return nil
	})
}

// Event returns the recorded event with seq, if it is still in the log.
func (l *Ledger) Event(seq uint64) (Event, bool, error) {
	var e Event
	var found bool
	err := l.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketEvents).Get(u64key(seq))
		if found = v != nil; !found {
			return nil
		}
		return decodeRecord(v, &e)
	})
	return e, found, err
}
