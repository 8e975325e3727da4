package llrp

import "encoding/binary"

// Builder encodes one outgoing message into a reusable buffer so the
// whole message can be sent with a single Write. Parameters nest with
// Begin/End; the lengths are patched in at End and Bytes.
type Builder struct {
	buf []byte
}

// Reset starts a new message, discarding the previous one.
func (b *Builder) Reset(version uint8, t MsgType, id uint32) {
	b.buf = append(b.buf[:0], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	binary.BigEndian.PutUint16(b.buf, uint16(version&7)<<10|uint16(t)&0x3ff)
	binary.BigEndian.PutUint32(b.buf[6:], id)
}

// Bytes patches the message length and returns the encoded message. It
// aliases the builder's buffer until the next Reset.
func (b *Builder) Bytes() []byte {
	binary.BigEndian.PutUint32(b.buf[2:], uint32(len(b.buf)))
	return b.buf
}

// Begin opens a TLV parameter; pass its result to End.
func (b *Builder) Begin(t uint16) int {
	off := len(b.buf)
	b.buf = binary.BigEndian.AppendUint16(b.buf, t&0x3ff)
	b.buf = append(b.buf, 0, 0)
	return off
}

// End closes the TLV parameter opened at off.
func (b *Builder) End(off int) {
	binary.BigEndian.PutUint16(b.buf[off+2:], uint16(len(b.buf)-off))
}

// TV appends a TV parameter header (its value follows).
func (b *Builder) TV(t uint8) *Builder { b.buf = append(b.buf, 0x80|t); return b }

// U8 appends one byte.
func (b *Builder) U8(v uint8) *Builder { b.buf = append(b.buf, v); return b }

// U16 appends a big-endian 16-bit field.
func (b *Builder) U16(v uint16) *Builder { b.buf = binary.BigEndian.AppendUint16(b.buf, v); return b }

// U32 appends a big-endian 32-bit field.
func (b *Builder) U32(v uint32) *Builder { b.buf = binary.BigEndian.AppendUint32(b.buf, v); return b }

// U64 appends a big-endian 64-bit field.
func (b *Builder) U64(v uint64) *Builder { b.buf = binary.BigEndian.AppendUint64(b.buf, v); return b }

// Raw appends bytes as they are.
func (b *Builder) Raw(v []byte) *Builder { b.buf = append(b.buf, v...); return b }

// String appends a UTF-8 string field (u16 byte count, then bytes).
func (b *Builder) String(s string) *Builder {
	b.U16(uint16(len(s)))
	b.buf = append(b.buf, s...)
	return b
}

// Bits appends a bit array field (u16 bit count, then the bytes).
func (b *Builder) Bits(nbits uint16, v []byte) *Builder {
	b.U16(nbits)
	b.buf = append(b.buf, v[:(int(nbits)+7)/8]...)
	return b
}

// Status appends an LLRPStatus parameter.
func (b *Builder) Status(code StatusCode, description string) *Builder {
	off := b.Begin(ParamLLRPStatus)
	b.U16(uint16(code)).String(description)
	b.End(off)
	return b
}

// Custom appends a Custom parameter (vendor PEN, subtype, data).
func (b *Builder) Custom(vendor, subtype uint32, data []byte) *Builder {
	off := b.Begin(ParamCustom)
	b.U32(vendor).U32(subtype).Raw(data)
	b.End(off)
	return b
}
