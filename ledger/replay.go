package ledger

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// verifier replays the log from the checkpoint and compares the result
// with the stored state.
type verifier struct {
	tx     *bolt.Tx
	bal    map[string]balance // by balKey
	value  int64
	events uint64
}

func newVerifier(tx *bolt.Tx) *verifier {
	return &verifier{tx: tx, bal: make(map[string]balance)}
}

func (v *verifier) run(r *VerifyReport) error {
	m := v.tx.Bucket(bucketMeta)
	r.Head, r.Acked, r.Archived = getU64(m, metaHead), getU64(m, metaAcked), getU64(m, metaArchived)
	if r.Acked > r.Head || r.Archived > r.Acked {
		return fmt.Errorf("%w: outbox watermark: archived %d ≤ acked %d ≤ head %d does not hold", ErrCorrupt, r.Archived, r.Acked, r.Head)
	}
	v.loadCheckpoint()
	if _, err := checkChain(v.tx, r.Archived, v.visit); err != nil {
		return err
	}
	r.Events = v.events
	for _, check := range []func(*VerifyReport) error{v.checkBalances, v.checkIndex, v.checkTotals,
		v.checkLayers, v.checkIDs, v.checkCounts} {
		if err := check(r); err != nil {
			return err
		}
	}
	return nil
}

func (v *verifier) loadCheckpoint() {
	v.value = int64(getU64(v.tx.Bucket(bucketMeta), metaCkptValue))
	_ = v.tx.Bucket(bucketCkpt).ForEach(func(k, val []byte) error {
		v.bal[string(k)] = decodeBalance(val)
		return nil
	})
}

func (v *verifier) visit(e *Event) error {
	if err := e.Validate(); err != nil {
		return fmt.Errorf("%w: seq %d: %v", ErrCorrupt, e.Seq, err)
	}
	for _, p := range e.Postings {
		k := string(balKey(e.SKU, p.Location))
		b := v.bal[k]
		b.add(p.State, p.Delta)
		if b.get(p.State) != p.After {
			return fmt.Errorf("%w: seq %d: %s at %s records %s %d after the event, the replay gives %d",
				ErrCorrupt, e.Seq, e.SKU, p.Location, p.State, p.After, b.get(p.State))
		}
		v.bal[k] = b
	}
	v.value += e.ValueDelta
	v.events++
	idv := v.tx.Bucket(bucketIDs).Get([]byte(e.ID))
	if len(idv) != 24 || binary.BigEndian.Uint64(idv) != e.Seq {
		return fmt.Errorf("%w: seq %d: id %q is not indexed to it", ErrCorrupt, e.Seq, e.ID)
	}
	return nil
}

func (v *verifier) checkBalances(r *VerifyReport) error {
	stored := make(map[string]balance)
	_ = v.tx.Bucket(bucketBal).ForEach(func(k, val []byte) error {
		stored[string(k)] = decodeBalance(val)
		return nil
	})
	for k, b := range v.bal {
		if stored[k] != b {
			sku, loc := splitBalKey([]byte(k))
			return fmt.Errorf("%w: balance of %s at %s is %+v, the replay gives %+v", ErrCorrupt, sku, loc, stored[k], b)
		}
	}
	for k, b := range stored {
		if _, ok := v.bal[k]; !ok && b != (balance{}) {
			sku, loc := splitBalKey([]byte(k))
			return fmt.Errorf("%w: balance of %s at %s is %+v, no event explains it", ErrCorrupt, sku, loc, b)
		}
	}
	r.Balances = len(stored)
	return nil
}

// checkIndex: the per-location index mirrors the balance keys.
func (v *verifier) checkIndex(*VerifyReport) error {
	bal, idx := v.tx.Bucket(bucketBal), v.tx.Bucket(bucketLoc)
	if bal.Stats().KeyN != idx.Stats().KeyN {
		return fmt.Errorf("%w: location index has %d entries for %d balances", ErrCorrupt, idx.Stats().KeyN, bal.Stats().KeyN)
	}
	return bal.ForEach(func(k, _ []byte) error {
		sku, loc := splitBalKey(k)
		if idx.Get(balKey(loc, sku)) == nil {
			return fmt.Errorf("%w: %s at %s is missing from the location index", ErrCorrupt, sku, loc)
		}
		return nil
	})
}

func (v *verifier) checkTotals(r *VerifyReport) error {
	sums := make(map[string]balance)
	for k, b := range v.bal {
		sku, _ := splitBalKey([]byte(k))
		s := sums[sku]
		s.OnHand, s.Damaged = s.OnHand+b.OnHand, s.Damaged+b.Damaged
		sums[sku] = s
	}
	return v.tx.Bucket(bucketSKU).ForEach(func(k, val []byte) error {
		r.SKUs++
		if t := decodeSKU(val); t.balance != sums[string(k)] {
			return fmt.Errorf("%w: totals of %s are %+v, the balances sum to %+v", ErrCorrupt, k, t.balance, sums[string(k)])
		}
		return nil
	})
}

// checkLayers: per sku the layers hold exactly the on-hand units, and
// their value equals the checkpoint value plus every event's value delta.
func (v *verifier) checkLayers(r *VerifyReport) error {
	qty := make(map[string]int64)
	var value int64
	_ = v.tx.Bucket(bucketLayers).ForEach(func(k, val []byte) error {
		l := decodeLayer(val)
		qty[string(k[:len(k)-9])] += l.Remaining
		value += l.Remaining * l.Cost
		r.Layers++
		return nil
	})
	err := v.tx.Bucket(bucketSKU).ForEach(func(k, val []byte) error {
		if t := decodeSKU(val); t.OnHand != qty[string(k)] {
			return fmt.Errorf("%w: %s has %d on hand but its cost layers hold %d", ErrCorrupt, k, t.OnHand, qty[string(k)])
		}
		return nil
	})
	if err == nil && value != v.value {
		err = fmt.Errorf("%w: cost layers are worth %s, the events add up to %s", ErrCorrupt, FormatMinor(value), FormatMinor(v.value))
	}
	return err
}

func (v *verifier) checkIDs(*VerifyReport) error {
	if n := uint64(v.tx.Bucket(bucketIDs).Stats().KeyN); n != v.events {
		return fmt.Errorf("%w: %d ids are indexed for %d events in the log", ErrCorrupt, n, v.events)
	}
	return nil
}

// checkCounts: frozen locations and open count sessions agree.
func (v *verifier) checkCounts(r *VerifyReport) error {
	frozen := v.tx.Bucket(bucketFrozen)
	want := 0
	err := v.tx.Bucket(bucketCounts).ForEach(func(k, val []byte) error {
		var s CountSession
		if err := json.Unmarshal(val, &s); err != nil {
			return fmt.Errorf("%w: count %q: %v", ErrCorrupt, k, err)
		}
		if s.Status != CountOpen {
			return nil
		}
		r.OpenCount++
		want += len(s.Locations)
		for _, loc := range s.Locations {
			if string(frozen.Get([]byte(loc))) != s.ID {
				return fmt.Errorf("%w: open count %q does not freeze %s", ErrCorrupt, s.ID, loc)
			}
		}
		return nil
	})
	if n := frozen.Stats().KeyN; err == nil && n != want {
		err = fmt.Errorf("%w: %d frozen locations but open counts freeze %d", ErrCorrupt, n, want)
	}
	return err
}
