package barcode

import "strconv"

// Decimal is an exact decimal number: Units × 10^-Places. Measures and
// amounts are never converted to float, so 3103 000250 stays 0.250 kg.
type Decimal struct {
	Units  int64
	Places uint8
}

// parseDecimal reads at most 18 digits, so Units cannot overflow; GS1
// amounts have at most 15.
func parseDecimal(b []byte, places uint8) (Decimal, bool) {
	if len(b) == 0 || len(b) > 18 || !isDigits(b) {
		return Decimal{}, false
	}
	return Decimal{Units: int64(num(b)), Places: places}, true
}

// String formats the number with exactly Places decimals, e.g. "0.250".
func (d Decimal) String() string {
	s := strconv.FormatInt(d.Units, 10)
	p := int(d.Places)
	if p == 0 {
		return s
	}
	for len(s) <= p {
		s = "0" + s
	}
	return s[:len(s)-p] + "." + s[len(s)-p:]
}

// MarshalText makes a Decimal a JSON string, keeping it exact.
func (d Decimal) MarshalText() ([]byte, error) { return []byte(d.String()), nil }
