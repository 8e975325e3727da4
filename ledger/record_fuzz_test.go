package ledger

import (
	"bytes"
	"crypto/sha256"
	"testing"
	"time"
)

// FuzzDecodeRecord: a stored record of any content is either refused
// with ErrCorrupt or decodes to an event whose body encodes back to the
// same bytes (the format has one encoding per event).
func FuzzDecodeRecord(f *testing.F) {
	e := Event{ID: "r1", Type: Receive, SKU: "S", Location: "A", Qty: 3, UnitCost: Cost(1250),
		Time: time.Unix(1_800_000_000, 0), Seq: 9, Postings: []Posting{{"A", OnHand, 3, 3}}}
	rec, _ := encodeRecord(nil, sha256.New(), &e, [32]byte{})
	f.Add(rec)
	f.Add(rec[:40])
	f.Fuzz(func(t *testing.T, rec []byte) {
		var got Event
		if len(rec) >= recordHeader {
			rec = ResumForTest(bytes.Clone(rec)) // reach the body decoder, not just the CRC check
		}
		if err := decodeRecord(rec, &got); err != nil {
			return
		}
		if body := appendBody(nil, &got); !bytes.Equal(body, rec[recordHeader:]) {
			t.Fatalf("body re-encodes differently:\n%x\n%x", body, rec[recordHeader:])
		}
	})
}
