package epc

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// Identity is a decoded EPC. The string fields hold the decimal digits
// exactly as the pure identity URI writes them (company prefix and
// fixed-width references keep their leading zeros).
type Identity struct {
	// Scheme is the binary coding scheme; Unknown for unrecognised headers.
	Scheme Scheme
	// Filter is the 3-bit filter value (tag URI only).
	Filter uint8
	// CompanyPrefix is the GS1 company prefix, 6 to 12 digits.
	CompanyPrefix string
	// Reference is the second field: the item reference with its
	// indicator digit (SGTIN), serial reference with extension digit
	// (SSCC), location reference (SGLN), asset type (GRAI) or individual
	// asset reference (GIAI).
	Reference string
	// Serial is the third field: the serial (SGTIN, GRAI, already
	// URI-escaped for SGTIN-198) or the extension (SGLN). Empty for SSCC
	// and GIAI.
	Serial string
	// Hex is the EPC bytes in upper-case hex, as given to Decode.
	Hex string
	// Bits is the EPC length in bits (the scheme's length when known).
	Bits int
}

// Decode decodes an EPC. An unknown header returns an Identity with
// Scheme Unknown and no error; a malformed known scheme returns an error
// wrapping ErrLength, ErrPartition, ErrRange or ErrCharacter.
func Decode(b []byte) (Identity, error) {
	var f fields
	id := Identity{Hex: strings.ToUpper(hex.EncodeToString(b)), Bits: len(b) * 8}
	if err := parse(b, &f); err != nil {
		return id, fmt.Errorf("epc: decode %s %s: %w", f.scheme, id.Hex, err)
	}
	id.Scheme = f.scheme
	if f.scheme == Unknown {
		return id, nil
	}
	l := &layouts[f.scheme]
	id.Bits, id.Filter = l.bits, f.filter
	id.CompanyPrefix = digits(f.company, 12-int(f.partition))
	id.Reference = digits(f.ref, int(l.refDigits[f.partition]))
	if f.scheme == GIAI96 {
		// The individual asset reference is an integer without padding.
		id.Reference = strconv.FormatUint(f.ref, 10)
	}
	id.Serial = tailString(&f)
	return id, nil
}

// tailString formats the third field as the URI writes it.
func tailString(f *fields) string {
	switch f.scheme {
	case SGTIN96, SGLN96, GRAI96:
		return strconv.FormatUint(f.tail, 10)
	case SGTIN198:
		return escape(f.text[:f.textLen])
	}
	return ""
}

// digits formats v zero-padded to n digits; n == 0 gives "".
func digits(v uint64, n int) string {
	if n == 0 {
		return ""
	}
	s := strconv.FormatUint(v, 10)
	return strings.Repeat("0", n-len(s)) + s
}

// escape applies the TDS URI escaping of the characters that are not
// allowed literally in a URI component.
func escape(text []byte) string {
	var sb strings.Builder
	for _, c := range text {
		switch c {
		case '"', '%', '&', '/', '<', '>', '?':
			fmt.Fprintf(&sb, "%%%02X", c)
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}
