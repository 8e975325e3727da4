package workflow

import (
	"testing"

	"github.com/edged/edged/device/barcode"
)

// FuzzClassify: any bytes classify without panicking, prefixed tokens
// keep their value and quantities are either valid or -1.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{"CMD:RECEIVE", "LOC:A-01-01", "QTY:12", "QTY:-1", "QTY:99999999999",
		"]C1\x1d00095060001343527691", "ORD-1", "USR:ANNA", "A-01-02", "]E05901234123457", "\x00\xff", "12"} {
		f.Add([]byte(s))
	}
	rules, err := NewRules(Config{LocationPattern: `^[A-Z]-\d{2}-\d{2}$`, LPNPattern: `^LPN\d+$`, BareQuantityMax: 99})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var dec barcode.Decoder
		tok := rules.class.classify(data, &dec)
		switch tok.Kind {
		case KindQuantity:
			if tok.Qty < -1 || tok.Qty > 9_999_999_999 {
				t.Fatalf("qty %d from %q", tok.Qty, data)
			}
		case KindLPN:
			if tok.Value == "" {
				t.Fatalf("empty LPN from %q", data)
			}
		}
	})
}
