package ledger

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"

	bolt "go.etcd.io/bbolt"
)

// wtx is a write transaction with its buckets and the log head, which is
// read once per transaction and written back by finish.
type wtx struct {
	tx                        *bolt.Tx
	meta, ev, ids, stock, loc *bolt.Bucket
	counts, lines, frozen     *bolt.Bucket
	serials, serialLoc        *bolt.Bucket
	idTail                    *bolt.Bucket
	tail                      idTail // the writer's committed tail, read only here
	addedIDs                  idTail // ids this transaction added to the tail
	tailMerged                bool   // the tail was merged into ids in this transaction
	opts                      *Options
	head                      uint64
	headHash                  [32]byte
	dirty                     bool
	hasher                    hash.Hash       // for the chain hash
	baselineOK                map[string]bool // locations an import checked before its first line
}

func newWtx(tx *bolt.Tx, o *Options, tail idTail) *wtx {
	t := &wtx{tx: tx, opts: o, tail: tail, hasher: sha256.New(), idTail: tx.Bucket(bucketIDTail),
		meta: tx.Bucket(bucketMeta), ev: tx.Bucket(bucketEvents), ids: tx.Bucket(bucketIDs),
		stock: tx.Bucket(bucketStock), loc: tx.Bucket(bucketLoc), counts: tx.Bucket(bucketCounts), lines: tx.Bucket(bucketLines),
		frozen: tx.Bucket(bucketFrozen), serials: tx.Bucket(bucketSerials), serialLoc: tx.Bucket(bucketSerialLoc)}
	t.ev.FillPercent = 1.0 // append-only keys: full pages halve the file
	t.idTail.FillPercent = 1.0
	t.head = getU64(t.meta, metaHead)
	t.headHash = getHash(t.meta, metaHeadHash)
	return t
}

// finish writes the log head back when events were appended.
func (t *wtx) finish() error {
	if !t.dirty {
		return nil
	}
	if err := t.meta.Put(metaHead, u64key(t.head)); err != nil {
		return err
	}
	return t.meta.Put(metaHeadHash, t.headHash[:])
}

// balance is the stock of one sku at one location.
type balance struct{ OnHand, Damaged int64 }

func (b balance) get(s State) int64 {
	if s == Damaged {
		return b.Damaged
	}
	return b.OnHand
}

func (b *balance) add(s State, d int64) {
	if s == Damaged {
		b.Damaged += d
	} else {
		b.OnHand += d
	}
}

func decodeBalance(v []byte) balance {
	if len(v) < 16 {
		return balance{}
	}
	return balance{int64(binary.BigEndian.Uint64(v)), int64(binary.BigEndian.Uint64(v[8:]))}
}

func (b balance) encode() []byte {
	v := binary.BigEndian.AppendUint64(make([]byte, 0, 24), uint64(b.OnHand))
	return binary.BigEndian.AppendUint64(v, uint64(b.Damaged))
}

// skuTotals are a sku's balances summed over locations, plus the last
// unit cost, used to value inflows that carry no cost.
type skuTotals struct {
	balance
	LastCost int64
}

func decodeSKU(v []byte) skuTotals {
	if len(v) < 24 {
		return skuTotals{}
	}
	return skuTotals{decodeBalance(v), int64(binary.BigEndian.Uint64(v[16:]))}
}

func (s skuTotals) encode() []byte {
	return binary.BigEndian.AppendUint64(s.balance.encode(), uint64(s.LastCost))
}

// layer is a FIFO cost layer: Remaining is negative for a shortfall
// created by selling into negative stock.
type layer struct{ Remaining, Cost int64 }

func decodeLayer(v []byte) layer {
	b := decodeBalance(v)
	return layer{b.OnHand, b.Damaged}
}

func (l layer) encode() []byte { return balance{l.Remaining, l.Cost}.encode() }
