package barcode

import (
	"bytes"
	"fmt"
)

// Form says how a scan's data was read.
type Form string

// The forms Decode recognises.
const (
	FormPlain         Form = "plain"          // not GS1 data; kept as is
	FormGTIN          Form = "gtin"           // a bare EAN/UPC/ITF-14 code
	FormElementString Form = "element-string" // GS1 AIs with GS separators
	FormBracketed     Form = "bracketed"      // "(01)...(10)..."
	FormDigitalLink   Form = "digital-link"   // https://.../01/...
)

// Result is a decoded scan. Its slices alias the decoded input.
type Result struct {
	Symbology Symbology
	Form      Form
	// Data is the scan without the AIM identifier.
	Data []byte
	// Elements are the GS1 elements, in the order found.
	Elements []Element
	// gtin is a bare EAN/UPC/ITF-14 code (FormGTIN).
	gtin []byte
}

// Decoder decodes scans, reusing its element buffer between calls so a
// warm Decoder does not allocate for valid data. It is not safe for
// concurrent use; each scanner's read loop owns one.
type Decoder struct {
	elems []Element
}

// Decode reads one framed scan. With an AIM identifier the symbology
// decides how data is read; without one the form is guessed: a leading
// "(" is the bracketed form, "http" a Digital Link, 8/12/13/14 digits
// with a valid check digit a GTIN, a leading GS an element string. The
// Result is valid until the next call; the error is as described at
// ParseElementString, and Result holds what could be read.
func (d *Decoder) Decode(data []byte) (Result, error) {
	r := Result{Data: data, Form: FormPlain}
	d.elems = d.elems[:0]
	sym, rest, hasAIM := ParseAIM(data)
	base := len(data) - len(rest)
	r.Symbology, r.Data = sym, rest
	var err error
	switch {
	case !hasAIM:
		err = d.guess(&r, rest)
	case len(rest) == 0:
		err = errAt(ErrEmpty, "", base, "symbology identifier %s has no data after it", sym.ID)
	case sym.GS1:
		r.Form = FormElementString
		d.elems, err = parseElements(d.elems[:0], rest, base)
	default:
		err = d.decodeNonGS1(&r, rest, base)
	}
	r.Elements = d.elems
	return r, err
}

func (d *Decoder) decodeNonGS1(r *Result, rest []byte, base int) error {
	d.elems = d.elems[:0]
	switch r.Symbology.ID {
	case "]E0", "]E4", "]I1":
		r.Form, r.gtin = FormGTIN, rest
		return checkEAN(r.Symbology.ID, rest, base)
	}
	if isURL(rest) {
		return d.digitalLink(r, rest, base)
	}
	r.Form = FormPlain
	return nil
}

// checkEAN applies scandata.c's rule that ]E0 carries 13 digits and ]E4
// 8, both with a valid check digit (ITF-14 carries 14).
func checkEAN(id string, code []byte, base int) error {
	want := 14
	switch id {
	case "]E0":
		want = 13
	case "]E4":
		want = 8
	}
	if len(code) != want || !isDigits(code) {
		return errAt(ErrGTIN, "", base, "%s must be followed by %d digits, got %q", id, want, code)
	}
	if !ValidCheckDigit(code) {
		return checkDigitError(code, "", base)
	}
	return nil
}

func (d *Decoder) digitalLink(r *Result, rest []byte, base int) error {
	var found bool
	var err error
	d.elems, found, err = parseDigitalLink(d.elems[:0], rest, base)
	r.Form = FormPlain
	if found {
		r.Form = FormDigitalLink
	}
	return err
}

func isURL(b []byte) bool {
	_, ok := cutScheme(b)
	return ok
}

// GTIN returns the item's GTIN-14: from AI (01), or from a bare
// EAN/UPC/ITF-14 code, zero-padded to 14 digits. ok is false when the
// scan names no trade item or its GTIN is invalid.
func (r Result) GTIN() (string, bool) {
	code := r.gtin
	for _, e := range r.Elements {
		if e.AI.Is("01") {
			code = e.Value
		}
	}
	g, err := NormalizeGTIN(string(code))
	return g, err == nil
}

// SSCC returns the Serial Shipping Container Code from AI (00).
func (r Result) SSCC() (string, bool) {
	for _, e := range r.Elements {
		if e.AI.Is("00") && ValidateSSCC(string(e.Value)) == nil {
			return string(e.Value), true
		}
	}
	return "", false
}

func (r Result) String() string {
	return fmt.Sprintf("%s %s %q", r.Symbology.ID, r.Form, bytes.Clone(r.Data))
}
