package ledger

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// verifier replays the log from the checkpoint and compares the result
// with the stored state.
type verifier struct {
	tx      *bolt.Tx
	bal     map[string]balance // by balKey
	serials map[string]Serial  // by EPC
	value   int64
	events  uint64
}

func newVerifier(tx *bolt.Tx) *verifier {
	return &verifier{tx: tx, bal: make(map[string]balance), serials: make(map[string]Serial)}
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
	for _, check := range []func(*VerifyReport) error{v.checkStock, v.checkIDs, v.checkCounts, v.checkSerials} {
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
	_ = v.tx.Bucket(bucketCkptSerial).ForEach(func(k, val []byte) error {
		v.serials[string(k)] = decodeSerial(string(k), val)
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
	if e.EPC != "" && len(e.Postings) > 0 {
		if end, present := serialAfter(e); present {
			v.serials[e.EPC] = end
		} else {
			delete(v.serials, e.EPC)
		}
	}
	if seq, ok := indexedSeq(v.tx, e.ID, e.Seq); !ok || seq != e.Seq {
		return fmt.Errorf("%w: seq %d: id %q is not indexed to it", ErrCorrupt, e.Seq, e.ID)
	}
	return nil
}

// stored is the stock bucket read back, by kind.
type stored struct {
	bal    map[string]balance // by balKey
	totals map[string]skuTotals
	qty    map[string]int64 // units held by each sku's layers
	value  int64
	layers int
}

func (v *verifier) readStock() stored {
	s := stored{bal: map[string]balance{}, totals: map[string]skuTotals{}, qty: map[string]int64{}}
	_ = v.tx.Bucket(bucketStock).ForEach(func(k, val []byte) error {
		sku, kind, loc := parseStockKey(k)
		switch kind {
		case stockTotals:
			s.totals[sku] = decodeSKU(val)
		case stockLayer:
			l := decodeLayer(val)
			s.qty[sku] += l.Remaining
			s.value += l.Remaining * l.Cost
			s.layers++
		default:
			s.bal[string(balKey(sku, loc))] = decodeBalance(val)
		}
		return nil
	})
	return s
}

func (v *verifier) checkStock(r *VerifyReport) error {
	s := v.readStock()
	r.Balances, r.SKUs, r.Layers = len(s.bal), len(s.totals), s.layers
	for _, check := range []func(stored) error{v.checkBalances, v.checkIndex, v.checkTotals, v.checkLayers} {
		if err := check(s); err != nil {
			return err
		}
	}
	return nil
}

func (v *verifier) checkBalances(s stored) error {
	for k, b := range v.bal {
		if s.bal[k] != b {
			sku, loc := splitBalKey([]byte(k))
			return fmt.Errorf("%w: balance of %s at %s is %+v, the replay gives %+v", ErrCorrupt, sku, loc, s.bal[k], b)
		}
	}
	for k, b := range s.bal {
		if _, ok := v.bal[k]; !ok && b != (balance{}) {
			sku, loc := splitBalKey([]byte(k))
			return fmt.Errorf("%w: balance of %s at %s is %+v, no event explains it", ErrCorrupt, sku, loc, b)
		}
	}
	return nil
}

// checkIndex: the per-location index mirrors the balance keys.
func (v *verifier) checkIndex(s stored) error {
	idx := v.tx.Bucket(bucketLoc)
	if n := idx.Stats().KeyN; n != len(s.bal) {
		return fmt.Errorf("%w: location index has %d entries for %d balances", ErrCorrupt, n, len(s.bal))
	}
	for k := range s.bal {
		sku, loc := splitBalKey([]byte(k))
		if idx.Get(balKey(loc, sku)) == nil {
			return fmt.Errorf("%w: %s at %s is missing from the location index", ErrCorrupt, sku, loc)
		}
	}
	return nil
}

func (v *verifier) checkTotals(s stored) error {
	sums := make(map[string]balance)
	for k, b := range s.bal {
		sku, _ := splitBalKey([]byte(k))
		t := sums[sku]
		t.OnHand, t.Damaged = t.OnHand+b.OnHand, t.Damaged+b.Damaged
		sums[sku] = t
	}
	for sku, t := range s.totals {
		if t.balance != sums[sku] {
			return fmt.Errorf("%w: totals of %s are %+v, the balances sum to %+v", ErrCorrupt, sku, t.balance, sums[sku])
		}
	}
	if len(sums) > len(s.totals) {
		return fmt.Errorf("%w: %d skus have balances but only %d have totals", ErrCorrupt, len(sums), len(s.totals))
	}
	return nil
}

// checkLayers: per sku the layers hold exactly the on-hand units, and
// their value equals the checkpoint value plus every event's value delta.
func (v *verifier) checkLayers(s stored) error {
	for sku, t := range s.totals {
		if t.OnHand != s.qty[sku] {
			return fmt.Errorf("%w: %s has %d on hand but its cost layers hold %d", ErrCorrupt, sku, t.OnHand, s.qty[sku])
		}
	}
	if s.value != v.value {
		return fmt.Errorf("%w: cost layers are worth %s, the events add up to %s", ErrCorrupt, FormatMinor(s.value), FormatMinor(v.value))
	}
	return nil
}

func (v *verifier) checkIDs(*VerifyReport) error {
	inTail, err := checkIDTail(v.tx)
	if err != nil {
		return err
	}
	if n := uint64(v.tx.Bucket(bucketIDs).Stats().KeyN + inTail); n != v.events {
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

// checkSerials: where the ledger says each tag is equals the replay, and
// the per-location tag index mirrors it.
func (v *verifier) checkSerials(*VerifyReport) error {
	serials, index := v.tx.Bucket(bucketSerials), v.tx.Bucket(bucketSerialLoc)
	n := 0
	err := serials.ForEach(func(k, val []byte) error {
		n++
		got := decodeSerial(string(k), val)
		if want, ok := v.serials[string(k)]; !ok || want != got {
			return fmt.Errorf("%w: tag %s is recorded as %+v, the replay gives %+v", ErrCorrupt, k, got, want)
		}
		if index.Get(serialIndexKey(got)) == nil {
			return fmt.Errorf("%w: tag %s is missing from the location index", ErrCorrupt, k)
		}
		return nil
	})
	if err == nil && (n != len(v.serials) || index.Stats().KeyN != n) {
		err = fmt.Errorf("%w: %d tags held, %d in the replay, %d in the location index", ErrCorrupt, n, len(v.serials), index.Stats().KeyN)
	}
	return err
}
