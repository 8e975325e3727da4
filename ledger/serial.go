package ledger

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Serialised stock: an event that names an EPC moves exactly one tagged
// item, and the ledger keeps where every tagged item is, in the same
// transaction as the event. So a tag read again after a restart or a
// crash cannot be received twice, and a count zone can compare the tags
// it sees with the tags the ledger holds at that location.

// Serial is where one tagged item is.
type Serial struct {
	EPC      string `json:"epc"`
	SKU      string `json:"sku"`
	Location string `json:"location"`
	State    State  `json:"state"`
}

func encodeSerial(s Serial) []byte {
	v := []byte{stateByte(s.State)}
	v = append(v, s.SKU...)
	v = append(v, 0)
	return append(v, s.Location...)
}

func decodeSerial(epc string, v []byte) Serial {
	if len(v) == 0 {
		return Serial{EPC: epc}
	}
	sku, loc, _ := bytes.Cut(v[1:], []byte{0})
	st := OnHand
	if v[0] == 'd' {
		st = Damaged
	}
	return Serial{EPC: epc, SKU: string(sku), Location: string(loc), State: st}
}

func stateByte(s State) byte {
	if s == Damaged {
		return 'd'
	}
	return 'o'
}

// planSerial checks an EPC event against where the tag is: each
// outgoing posting must find the tag there, each incoming one must find
// it nowhere. It returns where the tag ends up (ok false: gone).
func (t *wtx) planSerial(e *Event, postings []plannedPosting) (end Serial, ok bool, err error) {
	v := t.serials.Get([]byte(e.EPC))
	cur, here := decodeSerial(e.EPC, v), v != nil
	for _, p := range postings {
		at := Serial{EPC: e.EPC, SKU: e.SKU, Location: p.loc, State: p.state}
		switch {
		case p.delta < 0 && (!here || cur != at):
			return cur, here, fmt.Errorf("%w: %s of %s at %s: %s", ErrSerialNotHere, e.Type, e.EPC, p.loc, whereIs(cur, here))
		case p.delta > 0 && here:
			return cur, here, fmt.Errorf("%w: %s of %s: %s; it cannot be taken in twice", ErrSerialOnHand, e.Type, e.EPC, whereIs(cur, here))
		}
		cur, here = at, p.delta > 0
	}
	return cur, here, nil
}

func whereIs(s Serial, here bool) string {
	if !here {
		return "the ledger does not hold this tag"
	}
	return fmt.Sprintf("the ledger holds it as %s at %s (%s)", s.SKU, s.Location, s.State)
}

// moveSerial records the tag's new place in the tag bucket and the
// per-location index.
func moveSerial(serials, index *bolt.Bucket, epc string, end Serial, present bool) error {
	if old := serials.Get([]byte(epc)); old != nil {
		if err := index.Delete(serialIndexKey(decodeSerial(epc, old))); err != nil {
			return err
		}
	}
	if !present {
		return serials.Delete([]byte(epc))
	}
	if err := index.Put(serialIndexKey(end), nil); err != nil {
		return err
	}
	return serials.Put([]byte(epc), encodeSerial(end))
}

func serialIndexKey(s Serial) []byte {
	return []byte(s.Location + "\x00" + s.EPC)
}

// SerialsAt lists the tagged items the ledger holds at a location.
func (l *Ledger) SerialsAt(loc string) ([]Serial, error) {
	var out []Serial
	err := l.db.View(func(tx *bolt.Tx) error {
		serials := tx.Bucket(bucketSerials)
		prefix := []byte(loc + "\x00")
		c := tx.Bucket(bucketSerialLoc).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			epc := string(k[len(prefix):])
			out = append(out, decodeSerial(epc, serials.Get([]byte(epc))))
		}
		return nil
	})
	return out, err
}

// SerialOf tells where a tagged item is; found is false when the ledger
// does not hold it.
func (l *Ledger) SerialOf(epc string) (s Serial, found bool, err error) {
	err = l.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketSerials).Get([]byte(epc))
		s, found = decodeSerial(epc, v), v != nil
		return nil
	})
	return s, found, err
}

// serialAfter is where a recorded event leaves its tag: the last
// incoming posting's place, or nowhere when the last posting takes it out.
func serialAfter(e *Event) (Serial, bool) {
	p := e.Postings[len(e.Postings)-1]
	return Serial{EPC: e.EPC, SKU: e.SKU, Location: p.Location, State: p.State}, p.Delta > 0
}

// foldSerial applies a pruned event's tag move to the checkpoint.
func foldSerial(ckpt *bolt.Bucket, e *Event) error {
	if e.EPC == "" || len(e.Postings) == 0 {
		return nil
	}
	if end, present := serialAfter(e); present {
		return ckpt.Put([]byte(e.EPC), encodeSerial(end))
	}
	return ckpt.Delete([]byte(e.EPC))
}
