package barcode

import (
	"bytes"
	"errors"
	"fmt"
)

// GS is the ASCII group separator scanners send for FNC1.
const GS = 0x1D

// ParseElementString parses GS1 element strings, the AI data that
// follows ]C1, ]e0, ]d2, ]Q3 or ]J1, with GS as the FNC1 separator. A
// leading, doubled or trailing GS is accepted, as scanners send them.
//
// Elements are appended to dst and returned; reusing dst makes parsing
// allocation-free. Element values alias data. A structural error (an
// unknown AI, a truncated field) stops parsing; content errors (check
// digits, dates) are collected and parsing goes on, so the result holds
// every element found. The error is nil, an *Error, or an errors.Join of
// several *Error values.
func ParseElementString(dst []Element, data []byte) ([]Element, error) {
	return parseElements(dst, data, 0)
}

// parseElements does the work; base is where data starts in the scan,
// so offsets in errors count from the start of what the scanner sent.
func parseElements(dst []Element, data []byte, base int) ([]Element, error) {
	var errs []error
	start := len(dst)
	for i := 0; ; {
		for i < len(data) && data[i] == GS {
			i++
		}
		if i == len(data) {
			break
		}
		el, next, err := nextElement(data, i, base)
		if err != nil {
			return dst, joinErrors(append(errs, err))
		}
		if err := checkValue(el.spec, el.AI.digits[:el.AI.n], el.Value, base+next-len(el.Value)); err != nil {
			errs = append(errs, err)
		}
		dst, i = append(dst, el), next
	}
	if len(dst) == start {
		return dst, errAt(ErrEmpty, "", base, "no GS1 element strings found")
	}
	return dst, joinErrors(errs)
}

// nextElement reads the AI at data[i] and its value, returning the
// offset just past the value.
func nextElement(data []byte, i, base int) (Element, int, error) {
	spec, n := findAI(data[i:])
	if spec == nil {
		return Element{}, 0, unknownAI(data[i:], base+i)
	}
	el := Element{AI: newAI(data[i : i+n]), Offset: base + i, spec: spec}
	j := i + n
	end := len(data)
	if spec.fixed {
		end = j + spec.maxLen()
		if end > len(data) {
			return el, 0, errAt(ErrTruncated, el.AI.String(), base+j,
				"value has %d characters, %s needs %s", len(data)-j, spec.title, formatOf(spec))
		}
	} else if k := bytes.IndexByte(data[j:], GS); k >= 0 {
		end = j + k
	}
	if end == j {
		return el, 0, errAt(ErrTruncated, el.AI.String(), base+j, "the value is missing")
	}
	el.Value = data[j:end:end]
	return el, end, nil
}

func unknownAI(rest []byte, off int) error {
	shown := rest[:min(len(rest), 4)]
	if !isDigits(rest[:min(len(rest), 2)]) {
		return errAt(ErrUnknownAI, "", off, "expected an AI (2 to 4 digits), found %q", shown)
	}
	if len(rest) < 2 {
		return errAt(ErrTruncated, "", off, "data ends inside an AI (%q)", shown)
	}
	return errAt(ErrUnknownAI, "", off, "no AI starts with %q in the GS1 syntax dictionary", shown)
}

// joinErrors keeps a lone error unwrapped so its message reads cleanly.
func joinErrors(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// String renders elements in the bracketed human-readable form, e.g.
// "(01)09506000134352(10)ABC".
func String(elems []Element) string {
	var b bytes.Buffer
	for _, e := range elems {
		fmt.Fprintf(&b, "(%s)", e.AI)
		for _, c := range e.Value {
			if c == '(' { // escaped as in GS1's bracketed syntax
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}
