package ledger

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"time"
)

// A stored event record is:
//
//	[0]      record format version
//	[1:5]    CRC-32C of [5:]
//	[5:37]   chain hash = SHA-256(previous chain hash || body)
//	[37:]    body (encodeBody)
//
// The body is compact (varints, length-prefixed strings) because it is
// written to flash for every movement and scanned by reports.
const (
	recordVersion = 1
	recordHeader  = 37
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

const (
	flagSynced = 1 << iota
	flagDamaged
	flagHasCost
)

// encodeRecord builds the stored record of e chained to prev.
func encodeRecord(buf []byte, h hash.Hash, e *Event, prev [32]byte) ([]byte, [32]byte) {
	if cap(buf) < 256 {
		buf = make([]byte, 0, 256)
	}
	buf = append(buf[:0], make([]byte, recordHeader)...)
	buf = appendBody(buf, e)
	sum := chainHash(h, prev, buf[recordHeader:])
	buf[0] = recordVersion
	copy(buf[5:37], sum[:])
	binary.BigEndian.PutUint32(buf[1:5], crc32.Checksum(buf[5:], castagnoli))
	return buf, sum
}

// chainHash hashes with h, which the caller owns and reuses.
func chainHash(h hash.Hash, prev [32]byte, body []byte) (out [32]byte) {
	h.Reset()
	h.Write(prev[:])
	h.Write(body)
	h.Sum(out[:0])
	return out
}

func appendBody(b []byte, e *Event) []byte {
	b = binary.AppendUvarint(b, e.Seq)
	for _, s := range []string{string(e.Type), e.ID, e.SKU, e.Location, e.ToLocation,
		e.User, e.Device, e.Reason, e.Order, e.EPC, e.CountID} {
		b = appendString(b, s)
	}
	b = binary.AppendVarint(b, e.Qty)
	b = binary.AppendVarint(b, unixNano(e.Time))
	b = append(b, eventFlags(e))
	for _, v := range []int64{e.UnitCost.Minor, e.Book, e.COGS, e.ValueDelta} {
		b = binary.AppendVarint(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(e.Postings)))
	for _, p := range e.Postings {
		b = appendString(b, p.Location)
		b = appendString(b, string(p.State))
		b = binary.AppendVarint(b, p.Delta)
		b = binary.AppendVarint(b, p.After)
	}
	return b
}

func eventFlags(e *Event) byte {
	var f byte
	if e.ClockSynced {
		f |= flagSynced
	}
	if e.Damaged {
		f |= flagDamaged
	}
	if e.UnitCost.Set {
		f |= flagHasCost
	}
	return f
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// recordHash returns the chain hash stored in a record.
func recordHash(rec []byte) (h [32]byte) {
	copy(h[:], rec[5:37])
	return h
}

// checkRecord verifies the version and CRC of a stored record.
func checkRecord(rec []byte) error {
	if len(rec) < recordHeader {
		return fmt.Errorf("%w: record of %d bytes is shorter than its header", ErrCorrupt, len(rec))
	}
	if rec[0] != recordVersion {
		return fmt.Errorf("%w: record format %d is unknown (this build reads %d)", ErrCorrupt, rec[0], recordVersion)
	}
	if crc32.Checksum(rec[5:], castagnoli) != binary.BigEndian.Uint32(rec[1:5]) {
		return fmt.Errorf("%w: record checksum mismatch", ErrCorrupt)
	}
	return nil
}

// decodeRecord checks and decodes a stored record.
func decodeRecord(rec []byte, e *Event) error {
	if err := checkRecord(rec); err != nil {
		return err
	}
	return decodeBody(rec[recordHeader:], e)
}

// bodyReader decodes a body; the first error sticks.
type bodyReader struct {
	b   []byte
	err error
}

func (r *bodyReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: truncated or malformed %s", ErrCorrupt, what)
	}
	r.b = nil
}

func (r *bodyReader) uvarint(what string) uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail(what)
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *bodyReader) varint(what string) int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail(what)
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *bodyReader) str(what string) string {
	n := r.uvarint(what)
	if n > uint64(len(r.b)) {
		r.fail(what)
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *bodyReader) byte1(what string) byte {
	if len(r.b) == 0 {
		r.fail(what)
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func decodeBody(b []byte, e *Event) error {
	r := bodyReader{b: b}
	e.Seq = r.uvarint("seq")
	e.Type = Type(r.str("type"))
	for _, p := range []*string{&e.ID, &e.SKU, &e.Location, &e.ToLocation,
		&e.User, &e.Device, &e.Reason, &e.Order, &e.EPC, &e.CountID} {
		*p = r.str("text field")
	}
	e.Qty = r.varint("qty")
	e.Time = fromUnixNano(r.varint("time"))
	f := r.byte1("flags")
	if f&^(flagSynced|flagDamaged|flagHasCost) != 0 {
		r.fail("flags")
	}
	e.ClockSynced, e.Damaged = f&flagSynced != 0, f&flagDamaged != 0
	e.UnitCost = Money{Minor: r.varint("unit cost"), Set: f&flagHasCost != 0}
	e.Book, e.COGS, e.ValueDelta = r.varint("book"), r.varint("cogs"), r.varint("value")
	decodePostings(&r, e)
	if r.err == nil && len(r.b) != 0 {
		r.err = fmt.Errorf("%w: %d trailing bytes after the event", ErrCorrupt, len(r.b))
	}
	return r.err
}

func decodePostings(r *bodyReader, e *Event) {
	n := r.uvarint("posting count")
	if n > 4 {
		r.fail("posting count")
		return
	}
	e.Postings = e.Postings[:0]
	for range n {
		p := Posting{Location: r.str("posting location"), State: State(r.str("posting state"))}
		p.Delta, p.After = r.varint("posting delta"), r.varint("posting balance")
		e.Postings = append(e.Postings, p)
	}
}

// payloadHash identifies the client-supplied content of an event, so a
// retry with the same id can be told from a conflicting reuse. The time
// takes part only when the client supplied it.
func payloadHash(e *Event, clientTime bool) [16]byte {
	c := *e
	c.Seq, c.Postings, c.Book, c.COGS, c.ValueDelta = 0, nil, 0, 0, 0
	if !clientTime {
		c.Time, c.ClockSynced = time.Time{}, false
	}
	sum := sha256.Sum256(appendBody(nil, &c))
	var h [16]byte
	copy(h[:], sum[:16])
	return h
}

// unixNano maps the zero time to 0 so that it encodes deterministically.
func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromUnixNano(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
