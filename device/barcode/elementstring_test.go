package barcode

import (
	"errors"
	"strings"
	"testing"
)

// render shows elements as "AI=value" pairs for compact expectations.
func render(elems []Element) string {
	parts := make([]string, len(elems))
	for i, e := range elems {
		parts[i] = e.AI.String() + "=" + string(e.Value)
	}
	return strings.Join(parts, " ")
}

// The vectors of devices.md §1.2 (checked there against a table built
// from the dictionary), plus the malformed cases it lists.
func TestDecodeGS1Vectors(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"]C1010950110153000317250101\x1d10ABC123", "01=09501101530003 17=250101 10=ABC123", nil},
		{"]d20104150000021126172506302112345\x1d10LOT1", "01=04150000021126 17=250630 21=12345 10=LOT1", nil},
		{"]C100006141411234567890", "00=006141411234567890", nil},
		{"]d20109521234543213172512311021A\x1d3103000250400PO-7781", "01=09521234543213 17=251231 10=21A 3103=000250 400=PO-7781", nil},
		{"]e00109521234543213310300125015250301", "01=09521234543213 3103=001250 15=250301", nil},
		{"]Q3011231231231233310ABC123\x1d99TESTING", "01=12312312312333 10=ABC123 99=TESTING", nil},
		{"]C10209521234543213370048\x1d00006141411234567890", "02=09521234543213 37=0048 00=006141411234567890", nil},
		{"]C1010950110153000317250100\x1d21SER-0001\x1d37120", "01=09501101530003 17=250100 21=SER-0001 37=120", nil},
		{"]d2\x1d0109506000134352\x1d\x1d10ABC\x1d", "01=09506000134352 10=ABC", nil},
		{"]C10109506000134352\x1d17250101", "01=09506000134352 17=250101", nil},
		{"]C1010950600013435", "", ErrTruncated},
		{"]C10109506000134353", "01=09506000134353", ErrCheckDigit},
		{"]C10109506000134352172513", "01=09506000134352", ErrTruncated},
		{"]C1010950600013435217251332", "01=09506000134352 17=251332", ErrDate},
		{"]C1010950600013435217250230", "01=09506000134352 17=250230", ErrDate},
		{"]C1010950600013435217240229", "01=09506000134352 17=240229", nil},
		{"]C10109506000134352991234\r", "01=09506000134352 99=1234\r", ErrCharset},
		{"]C123ABC", "", ErrUnknownAI},
		{"]C1\xef\xbb\xbf0109506000134352", "", ErrUnknownAI},
		{"]C110ABC2112345", "10=ABC2112345", nil},
		{"]C110ABCDEFGHIJKLMNOPQRSTUVWXYZ", "10=ABCDEFGHIJKLMNOPQRSTUVWXYZ", ErrTooLong},
		{"]C1", "", ErrEmpty},
		{"]C1\x1d", "", ErrEmpty},
		{"]C110", "", ErrTruncated},
	}
	var d Decoder
	for _, tt := range tests {
		r, err := d.Decode([]byte(tt.in))
		if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
			t.Errorf("Decode(%q) error = %v, want %v", tt.in, err, tt.err)
		}
		if got := render(r.Elements); got != tt.want {
			t.Errorf("Decode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestErrorMessageSaysWhereAndWhat(t *testing.T) {
	var d Decoder
	_, err := d.Decode([]byte("]C1010950600013435217251232"))
	want := "gs1: AI (17) at byte 21: date 251232: day 32 is not a valid day of month 12; check the scanner's data or the printed label"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.AI != "17" || e.Offset != 21 {
		t.Errorf("error fields = %+v", e)
	}
}
