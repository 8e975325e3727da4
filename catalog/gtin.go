package catalog

import "fmt"

// gtinKey is a GTIN-14 as a comparable array, so map lookups need no
// string building.
type gtinKey [14]byte

// NormalizeGTIN returns the GTIN-14 form of a GTIN-8, -12, -13 or -14
// (left-padded with zeros) after checking its digits and check digit.
func NormalizeGTIN(s string) (string, error) {
	k, ok := toKey(s)
	if !ok {
		return "", fmt.Errorf("%w: GTIN %q must be 8, 12, 13 or 14 digits with a valid check digit", ErrInvalid, s)
	}
	return string(k[:]), nil
}

// toKey pads a GTIN into a key; ok is false for a wrong length, a
// non-digit or a wrong check digit.
func toKey(s string) (k gtinKey, ok bool) {
	switch len(s) {
	case 8, 12, 13, 14:
	default:
		return k, false
	}
	pad := 14 - len(s)
	for i := range pad {
		k[i] = '0'
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return k, false
		}
		k[pad+i] = s[i]
	}
	return k, checkDigit(k[:13]) == k[13]-'0'
}

// checkDigit is the GS1 modulo-10 check digit (weights 3,1,3,... from the
// right).
func checkDigit(d []byte) byte {
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if (len(d)-1-i)%2 == 0 {
			v *= 3
		}
		sum += v
	}
	return byte((10 - sum%10) % 10)
}
