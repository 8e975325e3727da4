package barcode

// AI is a GS1 Application Identifier of 2 to 4 digits. It is a value type
// so that parsing can record AIs without allocating.
type AI struct {
	digits [4]byte
	n      uint8
}

func newAI(b []byte) AI {
	var a AI
	a.n = uint8(copy(a.digits[:], b))
	return a
}

// String returns the AI's digits, e.g. "01" or "3103".
func (a AI) String() string { return string(a.digits[:a.n]) }

// Is reports whether the AI is s, without allocating.
func (a AI) Is(s string) bool { return string(a.digits[:a.n]) == s }

// MarshalText makes an AI a JSON string.
func (a AI) MarshalText() ([]byte, error) { return a.digits[:a.n:a.n], nil }

// Element is one AI and its value.
type Element struct {
	AI AI
	// Value is the data field as scanned. It aliases the parsed input (or,
	// for percent-encoded Digital Link values, a decoded copy); copy it
	// to keep it beyond the input's lifetime.
	Value []byte
	// Offset is the byte offset of the AI in the parsed input.
	Offset int
	spec   *aiSpec
}

// Title is the AI's short title from the GS1 syntax dictionary.
func (e Element) Title() string { return e.spec.title }

// PredefinedLength reports whether the AI has a predefined length, so no
// GS separator is needed after its value.
func (e Element) PredefinedLength() bool { return e.spec.fixed }

// Date returns the first date component of a date AI (11, 13, 15, 17,
// 7003, ...); ok is false for other AIs.
func (e Element) Date() (d Date, ok bool) {
	off := 0
	for _, c := range e.spec.comps {
		if c.lint&(lintYymmd0|lintYymmdd|lintYyyymmdd) != 0 && off+int(c.max) <= len(e.Value) {
			return parseDate(e.Value[off : off+int(c.max)])
		}
		off += int(c.max)
	}
	return Date{}, false
}

// Decimal returns the value of a measure or amount AI (310n-369n,
// 390n-395n), whose last AI digit n is the number of implied decimal
// places; ok is false for other AIs.
func (e Element) Decimal() (Decimal, bool) {
	places, ok := impliedDecimals(e.AI)
	if !ok {
		return Decimal{}, false
	}
	v := e.Value
	if _, ok := e.Currency(); ok {
		v = v[3:]
	}
	return parseDecimal(v, places)
}

// Currency returns the ISO 4217 numeric currency code of AIs 391n and
// 393n (amount and price in a stated currency).
func (e Element) Currency() (string, bool) {
	if e.AI.n != 4 || e.AI.digits[0] != '3' || e.AI.digits[1] != '9' ||
		e.AI.digits[2] != '1' && e.AI.digits[2] != '3' || len(e.Value) < 3 {
		return "", false
	}
	return string(e.Value[:3]), true
}

// impliedDecimals returns n for the 4-digit AIs whose last digit gives
// the decimal point position (GS1 General Specifications 3.6 and 3.7).
func impliedDecimals(a AI) (uint8, bool) {
	if a.n != 4 || a.digits[0] != '3' {
		return 0, false
	}
	d1, d2 := a.digits[1], a.digits[2]
	if d1 >= '1' && d1 <= '6' || d1 == '9' && d2 >= '0' && d2 <= '5' {
		return a.digits[3] - '0', true
	}
	return 0, false
}
