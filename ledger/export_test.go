package ledger

import (
	"encoding/binary"
	"hash/crc32"
)

// ResumForTest recomputes a record's CRC after a test edited it.
func ResumForTest(rec []byte) []byte {
	binary.BigEndian.PutUint32(rec[1:5], crc32.Checksum(rec[5:], castagnoli))
	return rec
}
