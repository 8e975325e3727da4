package barcode_test

import (
	"errors"
	"fmt"

	"github.com/edged/edged/device/barcode"
)

func ExampleDecoder_Decode() {
	var d barcode.Decoder // one per scanner; reused, it does not allocate
	r, err := d.Decode([]byte("]d20109521234543213172512311021A\x1d3103000250"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range r.Elements {
		fmt.Printf("(%s) %s = %s", e.AI, e.Title(), e.Value)
		if m, ok := e.Decimal(); ok {
			fmt.Printf(" -> %s", m)
		}
		fmt.Println()
	}
	gtin, _ := r.GTIN()
	fmt.Println(r.Symbology.Name, gtin)
	// Output:
	// (01) GTIN = 09521234543213
	// (17) USE BY or EXPIRY = 251231
	// (10) BATCH/LOT = 21A
	// (3103) NET WEIGHT (kg) = 000250 -> 0.250
	// GS1 DataMatrix 09521234543213
}

func ExampleError() {
	var d barcode.Decoder
	_, err := d.Decode([]byte("]C10109506000134353"))
	fmt.Println(errors.Is(err, barcode.ErrCheckDigit))
	fmt.Println(err)
	// Output:
	// true
	// gs1: AI (01) at byte 18: check digit of 09506000134353 is 3, expected 2; check the scanner's data or the printed label
}
