package epc

// fields is a decoded EPC before any string is built, so that Classify can
// validate without allocating.
type fields struct {
	scheme    Scheme
	filter    uint8
	partition uint8
	company   uint64
	ref       uint64
	tail      uint64   // serial, SGLN extension; unused for SSCC and GIAI
	text      [20]byte // SGTIN-198 serial characters
	textLen   uint8
}

// Classify reports the scheme of an EPC and whether its fields obey the
// standard, without allocating. An unknown header yields (Unknown, nil);
// an empty EPC yields ErrLength.
func Classify(b []byte) (Scheme, error) {
	var f fields
	err := parse(b, &f)
	return f.scheme, err
}

func parse(b []byte, f *fields) error {
	if len(b) == 0 {
		return ErrLength
	}
	f.scheme = schemeOf(b[0])
	if f.scheme == Unknown {
		return nil
	}
	l := &layouts[f.scheme]
	if len(b)*8 < l.bits || !zeroFrom(b, l.bits) {
		return ErrLength
	}
	f.filter = uint8(bitsAt(b, 8, 3))
	f.partition = uint8(bitsAt(b, 11, 3))
	if f.partition > 6 {
		return ErrPartition
	}
	return parseFields(b, l, f)
}

// parseFields reads the company prefix, the second field and the tail,
// checking each against its decimal digit count.
func parseFields(b []byte, l *layout, f *fields) error {
	p := f.partition
	off := 14
	f.company = bitsAt(b, off, int(companyBits[p]))
	off += int(companyBits[p])
	f.ref = bitsAt(b, off, int(l.refBits[p]))
	off += int(l.refBits[p])
	if f.company >= pow10[12-p] || f.ref >= pow10[l.refDigits[p]] {
		return ErrRange
	}
	switch f.scheme {
	case SGTIN198:
		return parseText(b, off, f)
	case SSCC96, GIAI96:
		// SSCC-96 ends in 24 unallocated bits; GIAI-96 has no tail.
	default:
		f.tail = bitsAt(b, off, l.tailBits)
	}
	return nil
}

// parseText reads the SGTIN-198 serial: up to 20 seven-bit characters
// ending at the first zero, after which every bit must be zero.
func parseText(b []byte, off int, f *fields) error {
	for i := 0; i < len(f.text); i++ {
		c := byte(bitsAt(b, off+7*i, 7))
		if c == 0 {
			if !zeroFrom(b, off+7*i) {
				return ErrCharacter
			}
			break
		}
		if !serialChar(c) {
			return ErrCharacter
		}
		f.text[i] = c
		f.textLen++
	}
	return nil
}

// serialChar reports whether c is in GS1 AI encodable character set 82.
func serialChar(c byte) bool {
	switch {
	case c >= '0' && c <= '9', c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		return true
	}
	switch c {
	case '!', '"', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/',
		':', ';', '<', '=', '>', '?', '_':
		return true
	}
	return false
}
