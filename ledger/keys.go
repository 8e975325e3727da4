package ledger

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// Bucket names. The layout is documented in docs/ledger.md.
var (
	bucketMeta       = []byte("meta")     // fixed keys below
	bucketEvents     = []byte("ev")       // seq (u64 BE) -> record
	bucketIDs        = []byte("idem")     // event id -> seq (u64 BE) + payload hash (16 B)
	bucketIDTail     = []byte("idem_new") // seq -> payload hash (16 B) + event id: ids not yet in idem
	bucketStock      = []byte("stock")    // all state of a sku, see stockKey
	bucketCounts     = []byte("count")    // count id -> session
	bucketLines      = []byte("cline")    // count id 0x00 sku 0x00 location -> line
	bucketFrozen     = []byte("frozen")   // location -> count id
	bucketCkpt       = []byte("ckpt")     // sku 0x00 location -> balance as of the checkpoint
	bucketLoc        = []byte("bal_loc")  // location 0x00 sku -> empty: per-location index of balances
	bucketSerials    = []byte("epc")      // EPC -> state, sku 0x00 location: where a tagged item is
	bucketSerialLoc  = []byte("epc_loc")  // location 0x00 EPC -> empty: tags per location
	bucketCkptSerial = []byte("ckpt_epc") // EPC -> as bucketSerials, as of the checkpoint

	allBuckets = [][]byte{bucketMeta, bucketEvents, bucketIDs, bucketStock,
		bucketCounts, bucketLines, bucketFrozen, bucketCkpt, bucketLoc, bucketSerials, bucketSerialLoc, bucketCkptSerial, bucketIDTail}
)

// Keys of the meta bucket.
var (
	metaMagic        = []byte("magic")         // ledgerMagic
	metaSchema       = []byte("schema")        // u64
	metaEpoch        = []byte("epoch")         // 16 random bytes set at creation
	metaHead         = []byte("head")          // u64 last seq
	metaHeadHash     = []byte("head_hash")     // chain hash of the last event
	metaAcked        = []byte("acked")         // u64 cumulative ack watermark
	metaArchived     = []byte("archived")      // u64 last pruned seq
	metaArchivedHash = []byte("archived_hash") // chain hash of the last pruned event
	metaCkptValue    = []byte("ckpt_value")    // i64 inventory value at the checkpoint
	metaVerified     = []byte("verified")      // u64 last seq checked by Verify
)

const (
	ledgerMagic   = "edged-ledger"
	schemaVersion = 2 // 2 added the id tail (idindex.go)
)

func u64key(v uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), v)
}

func balKey(sku, loc string) []byte {
	k := make([]byte, 0, len(sku)+1+len(loc))
	k = append(k, sku...)
	k = append(k, 0)
	return append(k, loc...)
}

func splitBalKey(k []byte) (sku, loc string) {
	sku, loc, _ = strings.Cut(string(k), "\x00")
	return sku, loc
}

// The stock bucket keeps everything about one sku under adjacent keys,
// so that an event usually dirties a single page of it:
//
//	sku 0x00                 totals: on hand, damaged, last unit cost
//	sku 0x00 0x00 seq(u64)   FIFO cost layer created by event seq
//	sku 0x00 location        balance at the location
//
// Names never contain 0x00, so the three kinds cannot collide.
func totalsKey(sku string) []byte { return skuPrefix(sku) }

func layerPrefix(sku string) []byte { return append(skuPrefix(sku), 0) }

func layerKey(sku string, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(layerPrefix(sku), seq)
}

type stockKind int

const (
	stockTotals stockKind = iota
	stockLayer
	stockBalance
)

// parseStockKey classifies a stock key; loc is set for a balance.
func parseStockKey(k []byte) (sku string, kind stockKind, loc string) {
	i := bytes.IndexByte(k, 0)
	if i < 0 {
		return string(k), stockTotals, ""
	}
	rest := k[i+1:]
	switch {
	case len(rest) == 0:
		return string(k[:i]), stockTotals, ""
	case rest[0] == 0:
		return string(k[:i]), stockLayer, ""
	}
	return string(k[:i]), stockBalance, string(rest)
}

func skuPrefix(sku string) []byte {
	return append([]byte(sku), 0)
}

type getter interface{ Get(key []byte) []byte }

func getU64(b getter, key []byte) uint64 {
	v := b.Get(key)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func getHash(b getter, key []byte) (h [32]byte) {
	copy(h[:], b.Get(key))
	return h
}
