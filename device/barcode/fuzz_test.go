package barcode

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// sentinels are every kind an *Error may carry.
var sentinels = []error{ErrEmpty, ErrUnknownAI, ErrTruncated, ErrTooLong, ErrCharset,
	ErrCheckDigit, ErrDate, ErrValue, ErrSyntax, ErrGTIN}

func addGoldenSeeds(f *testing.F) {
	inputs, _ := filepath.Glob("../../testdata/barcode/*.input")
	for _, in := range inputs {
		if b, err := os.ReadFile(in); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("]C1\x1d\x1d01095060001343521725123110ABC\x1d21X\x1d"))
}

// checkErr asserts that err is made of *Error values with a known kind
// and an offset inside the input.
func checkErr(t *testing.T, err error, n int) {
	t.Helper()
	if err == nil {
		return
	}
	errs := flatten(err)
	if len(errs) == 0 {
		t.Fatalf("error %v is not an *Error", err)
	}
	for _, e := range errs {
		known := false
		for _, s := range sentinels {
			known = known || errors.Is(e, s)
		}
		if !known || e.Offset < 0 || e.Offset > n {
			t.Fatalf("bad error %#v for %d bytes of input", e, n)
		}
	}
}

func FuzzGS1Parse(f *testing.F) {
	addGoldenSeeds(f)
	var d Decoder
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := d.Decode(data)
		checkErr(t, err, len(data))
		for _, e := range r.Elements {
			if e.spec == nil || lookupAI(e.AI.digits[:e.AI.n]) != e.spec {
				t.Fatalf("element %v has no table entry", e.AI)
			}
		}
		if err != nil || r.Form != FormElementString {
			return
		}
		// A valid element string survives the bracketed round trip.
		again, err := ParseBracketed(nil, []byte(String(r.Elements)))
		if err != nil || render(again) != render(r.Elements) {
			t.Fatalf("round trip of %q: %q, %v", data, String(r.Elements), err)
		}
	})
}

func FuzzDigitalLink(f *testing.F) {
	for _, s := range []string{
		"https://id.gs1.org/01/09506000134352/10/ABC?17=201225",
		"https://example.com/stem/01/09506000134352/22/V/10/L%2F7/21/S?3103=000250&&linkType=all#x",
		"HTTP://X/00/006141411234567890", "https://x/414/9521234543213/254/A", "https://x/01/1?", "https://x//01//",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, uri []byte) {
		elems, found, err := ParseDigitalLink(nil, uri)
		checkErr(t, err, len(uri))
		if !found && (len(elems) > 0 || err != nil && !errors.Is(err, ErrSyntax)) {
			t.Fatalf("not a Digital Link but %d elements, error %v", len(elems), err)
		}
		if found && err == nil && (len(elems) == 0 || !elems[0].spec.dlpKey) {
			t.Fatalf("Digital Link %q without a primary key first: %s", uri, render(elems))
		}
	})
}
