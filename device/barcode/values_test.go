package barcode

import (
	"errors"
	"testing"
	"time"
)

// The check digit vectors verified in devices.md §1.2.
func TestValidCheckDigit(t *testing.T) {
	for _, k := range []string{"5901234123457", "4006381333931", "2112345678900", "02345673",
		"416000336108", "12312312312333", "09506000134352", "09501101530003", "09521234543213",
		"04150000021126", "006141411234567890", "106141411234567897"} {
		if !ValidCheckDigit([]byte(k)) {
			t.Errorf("ValidCheckDigit(%s) = false, want true", k)
		}
	}
	for _, k := range []string{"106141411234567890", "5901234123458", "", "7", "59012341234x7"} {
		if ValidCheckDigit([]byte(k)) {
			t.Errorf("ValidCheckDigit(%q) = true, want false", k)
		}
	}
}

func TestNormalizeGTIN(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"02345673", "00000002345673", nil},
		{"416000336108", "00416000336108", nil},
		{"5901234123457", "05901234123457", nil},
		{"09506000134352", "09506000134352", nil},
		{"5901234123458", "", ErrCheckDigit},
		{"590123412345", "", ErrCheckDigit},
		{"12345", "", ErrGTIN},
		{"59012341234A7", "", ErrGTIN},
	}
	for _, tt := range tests {
		got, err := NormalizeGTIN(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
			t.Errorf("NormalizeGTIN(%s) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	if err := ValidateSSCC("106141411234567890"); !errors.Is(err, ErrCheckDigit) {
		t.Errorf("ValidateSSCC(bad) = %v", err)
	}
}

func TestDateCenturyWindowAndDay00(t *testing.T) {
	ref := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		yymmdd string
		ref    time.Time
		want   string
	}{
		{"251231", ref, "2025-12-31"},
		{"760101", ref, "2076-01-01"}, // 50 years ahead stays in this century
		{"770101", ref, "1977-01-01"}, // 51 ahead is the past
		{"240200", ref, "2024-02-29"}, // day 00: end of a leap February
		{"250200", ref, "2025-02-28"},
		{"050101", time.Date(2098, 1, 1, 0, 0, 0, 0, time.UTC), "2105-01-01"},
	}
	for _, tt := range tests {
		d, _ := parseDate([]byte(tt.yymmdd))
		if got := d.Time(tt.ref).Format(time.DateOnly); got != tt.want {
			t.Errorf("%s around %d = %s, want %s", tt.yymmdd, tt.ref.Year(), got, tt.want)
		}
	}
}

func TestDateCheck(t *testing.T) {
	for in, ok := range map[string]bool{"250131": true, "250229": false, "240229": true, "251301": false,
		"250001": false, "250431": false, "250400": true, "20000229": true, "21000229": false} {
		d, _ := parseDate([]byte(in))
		if got := d.check(true) == ""; got != ok {
			t.Errorf("check(%s) valid = %t, want %t", in, got, ok)
		}
	}
	d, _ := parseDate([]byte("250400"))
	if d.check(false) == "" {
		t.Error("day 00 accepted where the AI format is yymmdd")
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		ai, value, want string
	}{
		{"3103", "000250", "0.250"}, {"3100", "000250", "250"}, {"3105", "123456", "1.23456"},
		{"3922", "1299", "12.99"}, {"3932", "978001299", "12.99"}, {"3941", "0150", "15.0"},
		{"3205", "000001", "0.00001"},
	}
	for _, tt := range tests {
		el := Element{AI: newAI([]byte(tt.ai)), Value: []byte(tt.value), spec: lookupAI([]byte(tt.ai))}
		d, ok := el.Decimal()
		if !ok || d.String() != tt.want {
			t.Errorf("(%s)%s = %s %t, want %s", tt.ai, tt.value, d, ok, tt.want)
		}
	}
	el := Element{AI: newAI([]byte("10")), Value: []byte("12"), spec: lookupAI([]byte("10"))}
	if _, ok := el.Decimal(); ok {
		t.Error("AI 10 reported as a decimal")
	}
}

func TestResultGTINFromEveryForm(t *testing.T) {
	var d Decoder
	for _, in := range []string{"]E05901234123457", "5901234123457", "]C10105901234123457",
		"(01)05901234123457", "https://id.gs1.org/01/05901234123457", "]Q1https://x.example/01/05901234123457"} {
		r, err := d.Decode([]byte(in))
		if g, ok := r.GTIN(); err != nil || !ok || g != "05901234123457" {
			t.Errorf("Decode(%q).GTIN() = %q %t, %v", in, g, ok, err)
		}
	}
}

func TestDecodeGuessesForm(t *testing.T) {
	tests := []struct {
		in   string
		form Form
		bad  bool
	}{
		{"(01)05901234123457", FormBracketed, false},
		{"(01)05901234123458", FormBracketed, true},
		{"(ABC) 123", FormPlain, false},
		{"LOC-A-01", FormPlain, false},
		{"5901234123458", FormPlain, false}, // 13 digits, bad check digit: not taken for a GTIN
		{"0105901234123457", FormElementString, false},
		{"0105901234123458", FormPlain, false},
		{"\x1d0105901234123457", FormElementString, false},
		{"\x1d04", FormElementString, true},
		{"https://example.com/a", FormPlain, false},
		{"", FormPlain, true},
	}
	var d Decoder
	for _, tt := range tests {
		r, err := d.Decode([]byte(tt.in))
		if r.Form != tt.form || (err != nil) != tt.bad {
			t.Errorf("Decode(%q) form %s error %v; want %s, error %t", tt.in, r.Form, err, tt.form, tt.bad)
		}
	}
}
