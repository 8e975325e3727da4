package llrp

import (
	"encoding/binary"
	"fmt"
)

// Param is one parameter as found in a message body. Body aliases the
// message and excludes the parameter header.
type Param struct {
	Type uint16
	TV   bool
	Body []byte
}

// NextParam splits the first parameter off b. It fails with
// ErrShortFrame when b ends inside the parameter, ErrBadParameter for a
// TLV length below its header, and ErrUnknownTV for a TV type whose
// length is unknown (the rest of b cannot be decoded).
func NextParam(b []byte) (p Param, rest []byte, err error) {
	if len(b) == 0 {
		return p, nil, fmt.Errorf("parameter expected, message ended: %w", ErrShortFrame)
	}
	if b[0]&0x80 != 0 {
		return nextTV(b)
	}
	if len(b) < 4 {
		return p, nil, fmt.Errorf("TLV header needs 4 bytes, have %d: %w", len(b), ErrShortFrame)
	}
	p.Type = binary.BigEndian.Uint16(b) & 0x3ff
	n := int(binary.BigEndian.Uint16(b[2:]))
	if n < 4 {
		return p, nil, fmt.Errorf("TLV %d declares length %d: %w", p.Type, n, ErrBadParameter)
	}
	if n > len(b) {
		return p, nil, fmt.Errorf("TLV %d declares %d bytes, %d left: %w", p.Type, n, len(b), ErrShortFrame)
	}
	p.Body = b[4:n]
	return p, b[n:], nil
}

func nextTV(b []byte) (p Param, rest []byte, err error) {
	p.Type, p.TV = uint16(b[0]&0x7f), true
	n := tvLength(b[0] & 0x7f)
	if n < 0 {
		return p, nil, fmt.Errorf("TV type %d: %w", p.Type, ErrUnknownTV)
	}
	if 1+n > len(b) {
		return p, nil, fmt.Errorf("TV %d needs %d bytes, %d left: %w", p.Type, n, len(b)-1, ErrShortFrame)
	}
	return Param{Type: p.Type, TV: true, Body: b[1 : 1+n]}, b[1+n:], nil
}

// FindParam returns the first TLV or TV parameter of type t among the
// parameters in b, skipping others. ok is false if there is none.
func FindParam(b []byte, t uint16) (p Param, ok bool, err error) {
	for len(b) > 0 {
		if p, b, err = NextParam(b); err != nil {
			return p, false, err
		}
		if p.Type == t {
			return p, true, nil
		}
	}
	return Param{}, false, nil
}

// fields reads fixed fields from a parameter or message body, recording
// the first short read instead of failing at every call.
type fields struct {
	b   []byte
	err error
}

func (f *fields) need(n int) bool {
	if f.err == nil && len(f.b) < n {
		f.err = fmt.Errorf("field needs %d bytes, %d left: %w", n, len(f.b), ErrShortFrame)
	}
	return f.err == nil
}

func (f *fields) u8() uint8 {
	if !f.need(1) {
		return 0
	}
	v := f.b[0]
	f.b = f.b[1:]
	return v
}

func (f *fields) u16() uint16 {
	if !f.need(2) {
		return 0
	}
	v := binary.BigEndian.Uint16(f.b)
	f.b = f.b[2:]
	return v
}

func (f *fields) u32() uint32 {
	if !f.need(4) {
		return 0
	}
	v := binary.BigEndian.Uint32(f.b)
	f.b = f.b[4:]
	return v
}

func (f *fields) u64() uint64 {
	if !f.need(8) {
		return 0
	}
	v := binary.BigEndian.Uint64(f.b)
	f.b = f.b[8:]
	return v
}

func (f *fields) bytes(n int) []byte {
	if !f.need(n) {
		return nil
	}
	v := f.b[:n:n]
	f.b = f.b[n:]
	return v
}

// str reads a UTF-8 string field: a u16 byte count then the bytes.
func (f *fields) str() string {
	return string(f.bytes(int(f.u16())))
}

// rest returns the remaining bytes, where sub-parameters start.
func (f *fields) rest() []byte { return f.b }
