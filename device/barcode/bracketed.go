package barcode

import "bytes"

// ParseBracketed parses the human-readable form printed under GS1
// barcodes, e.g. "(01)09506000134352(17)201225(10)ABC". A "(" inside a
// value is written "\(". Elements are appended to dst; values alias s
// unless they contain an escape. Errors are reported as by
// ParseElementString.
func ParseBracketed(dst []Element, s []byte) ([]Element, error) {
	return parseBracketed(dst, s, 0)
}

func parseBracketed(dst []Element, s []byte, base int) ([]Element, error) {
	var errs []error
	if len(s) == 0 {
		return dst, errAt(ErrEmpty, "", base, "no bracketed element strings found")
	}
	for i := 0; i < len(s); {
		el, next, err := nextBracketed(s, i, base)
		if err != nil {
			return dst, joinErrors(append(errs, err))
		}
		if err := checkValue(el.spec, el.AI.digits[:el.AI.n], el.Value, el.Offset+int(el.AI.n)+2); err != nil {
			errs = append(errs, err)
		}
		dst, i = append(dst, el), next
	}
	return dst, joinErrors(errs)
}

func nextBracketed(s []byte, i, base int) (Element, int, error) {
	if s[i] != '(' {
		return Element{}, 0, errAt(ErrSyntax, "", base+i, "expected \"(\" before an AI, found %q", s[i])
	}
	k := bytes.IndexByte(s[i+1:], ')')
	if k < 0 || k > 4 {
		return Element{}, 0, errAt(ErrSyntax, "", base+i, "an AI in brackets must be 2 to 4 digits followed by \")\"")
	}
	ai := s[i+1 : i+1+k]
	spec := lookupAI(ai)
	if spec == nil || !isDigits(ai) {
		return Element{}, 0, errAt(ErrUnknownAI, "", base+i+1, "(%s) is not an AI in the GS1 syntax dictionary", ai)
	}
	j := i + k + 2
	end := j
	for end < len(s) && (s[end] != '(' || s[end-1] == '\\') {
		end++
	}
	if end == j {
		return Element{}, 0, errAt(ErrTruncated, string(ai), base+j, "the value is missing")
	}
	return Element{AI: newAI(ai), Value: unescapeParens(s[j:end:end]), Offset: base + i, spec: spec}, end, nil
}

// unescapeParens turns "\(" into "("; it copies only when needed.
func unescapeParens(v []byte) []byte {
	if !bytes.Contains(v, []byte(`\(`)) {
		return v
	}
	return bytes.ReplaceAll(v, []byte(`\(`), []byte("("))
}
