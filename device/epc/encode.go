package epc

import (
	"fmt"
	"strconv"
)

// maxSerial96 is the largest serial SGTIN-96 and GRAI-96 hold (38 bits).
const maxSerial96 = 1<<38 - 1

// EncodeSGTIN96 encodes an SGTIN-96 from a company prefix of 6 to 12
// digits, an item reference (indicator digit first) of 13 minus that many
// digits, a filter value 0-7 and a serial below 2^38.
func EncodeSGTIN96(filter uint8, companyPrefix, itemRef string, serial uint64) ([]byte, error) {
	if serial > maxSerial96 {
		return nil, fmt.Errorf("%w: sgtin-96 serial %d exceeds 2^38-1", ErrEncode, serial)
	}
	return encode96(SGTIN96, filter, companyPrefix, itemRef, serial)
}

// SGTIN96FromGTIN encodes an SGTIN-96 from a GTIN-14 (check digit
// included and verified) whose company prefix has companyPrefixDigits
// digits; the GS1 company prefix length is not derivable from the GTIN.
func SGTIN96FromGTIN(gtin string, companyPrefixDigits int, filter uint8, serial uint64) ([]byte, error) {
	if len(gtin) != 14 || !isDigits(gtin) || CheckDigit(gtin[:13]) != gtin[13]-'0' {
		return nil, fmt.Errorf("%w: %q is not a GTIN-14 with a valid check digit", ErrEncode, gtin)
	}
	if companyPrefixDigits < 6 || companyPrefixDigits > 12 {
		return nil, fmt.Errorf("%w: company prefix length %d not in 6..12", ErrEncode, companyPrefixDigits)
	}
	cp := gtin[1 : 1+companyPrefixDigits]
	ref := gtin[:1] + gtin[1+companyPrefixDigits:13]
	return EncodeSGTIN96(filter, cp, ref, serial)
}

// EncodeSSCC96 encodes an SSCC-96 from a company prefix of 6 to 12 digits
// and a serial reference (extension digit first) of 17 minus that many
// digits.
func EncodeSSCC96(filter uint8, companyPrefix, serialRef string) ([]byte, error) {
	return encode96(SSCC96, filter, companyPrefix, serialRef, 0)
}

// encode96 writes header, filter, partition, company prefix, reference
// and tail for the fixed 96-bit numeric schemes.
func encode96(s Scheme, filter uint8, companyPrefix, ref string, tail uint64) ([]byte, error) {
	l := &layouts[s]
	if filter > 7 {
		return nil, fmt.Errorf("%w: %s filter %d not in 0..7", ErrEncode, s, filter)
	}
	if len(companyPrefix) < 6 || len(companyPrefix) > 12 || !isDigits(companyPrefix) {
		return nil, fmt.Errorf("%w: %s company prefix %q must be 6 to 12 digits", ErrEncode, s, companyPrefix)
	}
	p := 12 - len(companyPrefix)
	want := int(l.refDigits[p])
	if len(ref) != want || (want > 0 && !isDigits(ref)) {
		return nil, fmt.Errorf("%w: %s reference %q must be %d digits with a %d-digit company prefix",
			ErrEncode, s, ref, want, len(companyPrefix))
	}
	cp, _ := strconv.ParseUint(companyPrefix, 10, 64)
	rv, _ := strconv.ParseUint("0"+ref, 10, 64)
	var w bitWriter
	w.put(uint64(l.header), 8)
	w.put(uint64(filter), 3)
	w.put(uint64(p), 3)
	w.put(cp, int(companyBits[p]))
	w.put(rv, int(l.refBits[p]))
	w.put(tail, l.tailBits)
	return w.bytes(), nil
}
