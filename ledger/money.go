package ledger

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// CurrencyDigits is the number of minor-unit digits of the site currency
// used when a cost is written as a decimal string ("12.50" = 1250).
const CurrencyDigits = 2

// Money is an amount in integer minor units of the site currency. Set
// tells an explicit zero from an absent value. It never uses floats: in
// JSON it is an integer of minor units (1250) or a decimal string
// ("12.50"); a JSON float is refused.
type Money struct {
	Minor int64
	Set   bool
}

// Cost returns a set Money of minor units.
func Cost(minor int64) Money { return Money{Minor: minor, Set: true} }

// IsZero makes omitzero drop an unset amount.
func (m Money) IsZero() bool { return !m.Set }

func (m Money) String() string { return FormatMinor(m.Minor) }

// MarshalJSON writes minor units as an integer.
func (m Money) MarshalJSON() ([]byte, error) {
	return strconv.AppendInt(nil, m.Minor, 10), nil
}

// UnmarshalJSON accepts an integer of minor units or a decimal string.
func (m *Money) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		v, err := ParseDecimal(s)
		*m = Money{Minor: v, Set: true}
		return err
	}
	if bytes.ContainsAny(b, ".eE") {
		return fmt.Errorf("money %s is a float; give minor units as an integer (1250) or a decimal string (\"12.50\")", b)
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return fmt.Errorf("money %s: not an integer of minor units", b)
	}
	*m = Money{Minor: v, Set: true}
	return nil
}

// ParseDecimal parses a decimal string such as "12.5" or "-3" into minor
// units with CurrencyDigits digits; more digits than that are refused
// rather than rounded.
func ParseDecimal(s string) (int64, error) {
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if len(frac) > CurrencyDigits {
		return 0, fmt.Errorf("amount %q has more than %d decimals", s, CurrencyDigits)
	}
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	if whole == "" && frac == "" || strings.ContainsAny(whole+frac, "+-") {
		return 0, fmt.Errorf("amount %q is not a decimal number", s)
	}
	frac += strings.Repeat("0", CurrencyDigits-len(frac))
	v, err := strconv.ParseUint("0"+whole+frac, 10, 63)
	if err != nil {
		return 0, fmt.Errorf("amount %q is not a decimal number within range", s)
	}
	if neg {
		return -int64(v), nil
	}
	return int64(v), nil
}

// FormatMinor renders minor units as a decimal string ("12.50").
func FormatMinor(v int64) string {
	sign := ""
	u := uint64(v)
	if v < 0 {
		sign, u = "-", uint64(-v)
	}
	p := uint64(1)
	for range CurrencyDigits {
		p *= 10
	}
	return fmt.Sprintf("%s%d.%0*d", sign, u/p, CurrencyDigits, u%p)
}
