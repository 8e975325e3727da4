package ledger

import (
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"reflect"
	"time"
)

// ResumForTest recomputes a record's CRC after a test edited it.
func ResumForTest(rec []byte) []byte {
	binary.BigEndian.PutUint32(rec[1:5], crc32.Checksum(rec[5:], castagnoli))
	return rec
}

// RoundTripForTest encodes e as a stored record and decodes it back.
func RoundTripForTest(t interface{ Fatalf(string, ...any) }, e Event) {
	if e.Time.IsZero() {
		e.Time = time.Unix(1_800_000_000, 0).UTC()
	}
	rec, _ := encodeRecord(nil, sha256.New(), &e, [32]byte{})
	var got Event
	if err := decodeRecord(rec, &got); err != nil {
		t.Fatalf("decode own record: %v", err)
	}
	got.Postings, e.Postings = nil, nil
	if !reflect.DeepEqual(got, e) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, e)
	}
}
