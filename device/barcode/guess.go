package barcode

import "bytes"

// guess decodes a scan without an AIM identifier by its shape.
func (d *Decoder) guess(r *Result, data []byte) error {
	d.elems = d.elems[:0]
	switch {
	case len(data) == 0:
		return errAt(ErrEmpty, "", 0, "the scan is empty")
	case looksBracketed(data):
		r.Form, r.Symbology.Name = FormBracketed, "GS1 (bracketed)"
		var err error
		d.elems, err = parseBracketed(d.elems, data, 0)
		return err
	case isURL(data):
		r.Symbology.Name = "URL"
		return d.digitalLink(r, data, 0)
	case data[0] == GS:
		r.Form, r.Symbology.Name = FormElementString, "GS1 (FNC1 sent as GS)"
		var err error
		d.elems, err = parseElements(d.elems, data, 0)
		return err
	case isGTIN(data):
		r.Form, r.gtin, r.Symbology.Name = FormGTIN, data, gtinName(len(data))
		return nil
	}
	return d.guessElementString(r, data)
}

// guessElementString treats data as GS1 element strings if it parses
// cleanly and starts with a key AI (SSCC or GTIN): scanners with AIM IDs
// off still send GS1-128 data. Anything else is plain.
func (d *Decoder) guessElementString(r *Result, data []byte) error {
	r.Form, r.Symbology.Name = FormPlain, "unknown"
	if len(data) < 16 || !(bytes.HasPrefix(data, []byte("00")) || bytes.HasPrefix(data, []byte("01"))) {
		return nil
	}
	elems, err := parseElements(d.elems, data, 0)
	if err != nil {
		d.elems = elems[:0]
		return nil
	}
	d.elems, r.Form, r.Symbology.Name = elems, FormElementString, "GS1 (no AIM identifier)"
	return nil
}

func isGTIN(b []byte) bool {
	switch len(b) {
	case 8, 12, 13, 14:
		return isDigits(b) && ValidCheckDigit(b)
	}
	return false
}

func gtinName(n int) string {
	switch n {
	case 8:
		return "EAN-8"
	case 12:
		return "UPC-A"
	case 13:
		return "EAN-13"
	}
	return "ITF-14"
}

// looksBracketed wants "(" then 2-4 digits and ")", so plain codes that
// merely start with "(" stay plain.
func looksBracketed(b []byte) bool {
	end := bytes.IndexByte(b, ')')
	return len(b) > 0 && b[0] == '(' && end >= 3 && end <= 5 && isDigits(b[1:end])
}
