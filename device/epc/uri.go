package epc

import (
	"strconv"
	"strings"
)

// URI returns the pure identity URI, such as
// urn:epc:id:sgtin:0614141.812345.6789, or for an unknown scheme the raw
// URI urn:epc:raw:96.x3574... that keeps every bit.
func (id Identity) URI() string {
	if id.Scheme == Unknown {
		return id.rawURI()
	}
	return "urn:epc:id:" + layouts[id.Scheme].id + ":" + id.body()
}

// TagURI returns the tag URI, which adds the encoding and the filter
// value: urn:epc:tag:sgtin-96:3.0614141.812345.6789. Catalog patterns of
// the form urn:epc:pat:sgtin-96:... match against it.
func (id Identity) TagURI() string {
	if id.Scheme == Unknown {
		return id.rawURI()
	}
	return "urn:epc:tag:" + layouts[id.Scheme].tag + ":" +
		strconv.Itoa(int(id.Filter)) + "." + id.body()
}

// GTIN returns the GTIN-14 of an SGTIN with its check digit, or "" for
// other schemes: indicator digit, company prefix, rest of the item
// reference, check digit.
func (id Identity) GTIN() string {
	if (id.Scheme != SGTIN96 && id.Scheme != SGTIN198) || id.Reference == "" {
		return ""
	}
	g := id.Reference[:1] + id.CompanyPrefix + id.Reference[1:]
	return g + string('0'+CheckDigit(g))
}

// body joins the fields the URI carries after the scheme name.
func (id Identity) body() string {
	s := id.CompanyPrefix + "." + id.Reference
	if layouts[id.Scheme].tailBits > 0 && id.Scheme != SSCC96 {
		s += "." + id.Serial
	}
	return s
}

func (id Identity) rawURI() string {
	return "urn:epc:raw:" + strconv.Itoa(id.Bits) + ".x" + id.Hex
}

// CheckDigit returns the GS1 modulo-10 check digit for the given digits
// (weights 3,1,3,... from the rightmost digit). Non-digits count as 0.
func CheckDigit(digits string) byte {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if d < 0 || d > 9 {
			d = 0
		}
		if (len(digits)-1-i)%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return byte((10 - sum%10) % 10)
}

// isDigits reports whether s is non-empty and all ASCII digits.
func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
