package barcode

import (
	"errors"
	"testing"
)

func TestParseBracketed(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"(01)09506000134352(17)201225(10)ABC", "01=09506000134352 17=201225 10=ABC", nil},
		{`(10)A\(B(21)X`, "10=A(B 21=X", nil},
		{"(3103)000250", "3103=000250", nil},
		{"(17)2012", "17=2012", ErrTruncated},
		{"(01)09506000134352(17)201232", "01=09506000134352 17=201232", ErrDate},
		{"(04)123", "", ErrUnknownAI},
		{"(01", "", ErrSyntax},
		{"01)", "", ErrSyntax},
		{"(10)", "", ErrTruncated},
		{"", "", ErrEmpty},
	}
	for _, tt := range tests {
		elems, err := ParseBracketed(nil, []byte(tt.in))
		if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
			t.Errorf("ParseBracketed(%q) error = %v, want %v", tt.in, err, tt.err)
		}
		if got := render(elems); got != tt.want {
			t.Errorf("ParseBracketed(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBracketedRoundTrip(t *testing.T) {
	in := `(01)09506000134352(10)A\(B(99)X`
	elems, err := ParseBracketed(nil, []byte(in))
	if err != nil || String(elems) != in {
		t.Errorf("String(ParseBracketed(%q)) = %q, %v", in, String(elems), err)
	}
}

// Cases after GS1's reference engine tests (dl.c) as summarised in
// devices.md §1.3.
func TestParseDigitalLink(t *testing.T) {
	tests := []struct {
		in, want string
		found    bool
		err      error
	}{
		{"https://id.gs1.org/01/09506000134352/10/ABC?17=201225", "01=09506000134352 10=ABC 17=201225", true, nil},
		{"https://example.com/shop/stem/01/09506000134352/22/V1/10/L%2F7/21/S?linkType=gs1:pip&&3103=000250", "01=09506000134352 22=V1 10=L/7 21=S 3103=000250", true, nil},
		{"HTTPS://EXAMPLE.COM/00/006141411234567890", "00=006141411234567890", true, nil},
		{"https://example.com/01/09506000134352#frag", "01=09506000134352", true, nil},
		{"https://example.com/414/9521234543213/254/A1", "414=9521234543213 254=A1", true, nil},
		{"https://example.com/about/us", "", false, nil},
		{"https://example.com", "", false, nil},
		{"HtTps://example.com/01/09506000134352", "", false, ErrSyntax},
		{"https://example.com/01/9506000134352", "01=9506000134352", true, ErrTruncated},
		{"https://example.com/01/09506000134353", "01=09506000134353", true, ErrCheckDigit},
		{"https://example.com/01/09506000134352/21/S/10/L", "01=09506000134352 21=S 10=L", true, ErrSyntax},
		{"https://example.com/01/09506000134352/99/X", "01=09506000134352 99=X", true, ErrSyntax},
		{"https://example.com/01/09506000134352/04/X", "01=09506000134352", true, ErrUnknownAI},
		{"https://example.com/01/09506000134352?17=201232", "01=09506000134352 17=201232", true, ErrDate},
		{"https://example.com/01/09506000134352/10/A%ZZ", "01=09506000134352", true, ErrSyntax},
	}
	for _, tt := range tests {
		elems, found, err := ParseDigitalLink(nil, []byte(tt.in))
		if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) || found != tt.found {
			t.Errorf("ParseDigitalLink(%q) found=%t error=%v, want %t %v", tt.in, found, err, tt.found, tt.err)
		}
		if got := render(elems); got != tt.want {
			t.Errorf("ParseDigitalLink(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseAIM(t *testing.T) {
	tests := []struct {
		in   string
		want Symbology
		rest string
		ok   bool
	}{
		{"]C1010", Symbology{"]C1", "GS1-128", true}, "010", true},
		{"]e0", Symbology{"]e0", "GS1 DataBar", true}, "", true},
		{"]d2x", Symbology{"]d2", "GS1 DataMatrix", true}, "x", true},
		{"]Q3x", Symbology{"]Q3", "GS1 QR Code", true}, "x", true},
		{"]Q1https", Symbology{"]Q1", "QR Code", false}, "https", true},
		{"]A0CODE", Symbology{"]A0", "Code 39", false}, "CODE", true},
		{"]L2x", Symbology{"]L2", "PDF417", false}, "x", true},
		{"]W9x", Symbology{"]W9", "unknown", false}, "x", true},
		{"]C", Symbology{}, "]C", false},
		{"]1Cx", Symbology{}, "]1Cx", false},
		{"ABC", Symbology{}, "ABC", false},
	}
	for _, tt := range tests {
		sym, rest, ok := ParseAIM([]byte(tt.in))
		if sym != tt.want || string(rest) != tt.rest || ok != tt.ok {
			t.Errorf("ParseAIM(%q) = %+v %q %t, want %+v %q %t", tt.in, sym, rest, ok, tt.want, tt.rest, tt.ok)
		}
	}
}
