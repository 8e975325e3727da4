package barcode

import (
	"bytes"
	"strings"
)

// ParseDigitalLink parses a GS1 Digital Link URI such as
// "https://id.gs1.org/01/09506000134352/10/ABC?17=201225", on any domain
// and with any path stem before the primary key. The key and its
// qualifiers come from the path, data attributes from the query; other
// query parameters (linkType, ...) are ignored. Elements are appended to
// dst, key first. Values are percent-decoded; decoded values are copies,
// the others alias uri.
//
// found is false when uri is a URL but not a Digital Link (no primary
// key in its path); then err is nil, so plain URLs in QR codes pass.
func ParseDigitalLink(dst []Element, uri []byte) (elems []Element, found bool, err error) {
	return parseDigitalLink(dst, uri, 0)
}

func parseDigitalLink(dst []Element, uri []byte, base int) ([]Element, bool, error) {
	rest, ok := cutScheme(uri)
	if !ok {
		return dst, false, errAt(ErrSyntax, "", base, "a Digital Link starts with http:// or https://")
	}
	off := base + len(uri) - len(rest)
	path, query, _ := bytes.Cut(rest, []byte("?"))
	query, _, _ = bytes.Cut(query, []byte("#"))
	path, _, _ = bytes.Cut(path, []byte("#"))
	slash := bytes.IndexByte(path, '/')
	if slash <= 0 {
		return dst, false, nil // no host or no path: an ordinary URL
	}
	start := len(dst)
	dst, err := dlPath(dst, path[slash:], off+slash)
	if err != nil {
		return dst, true, err
	}
	if len(dst) == start {
		return dst, false, nil
	}
	dst, err = dlQuery(dst, query, off+len(path)+1)
	return dst, true, err
}

// cutScheme accepts http/https in lower or upper case only, as GS1's
// reference engine does.
func cutScheme(uri []byte) ([]byte, bool) {
	for _, p := range [...]string{"https://", "http://", "HTTPS://", "HTTP://"} {
		if rest, ok := bytes.CutPrefix(uri, []byte(p)); ok {
			return rest, true
		}
	}
	return uri, false
}

// dlPath finds the rightmost primary key whose following segments form
// AI/value pairs, and reads the key and its qualifiers.
func dlPath(dst []Element, path []byte, off int) ([]Element, error) {
	segs := bytes.Split(path[1:], []byte("/"))
	for k := len(segs) - 2; k >= 0; k -= 2 {
		if s := lookupAI(segs[k]); s != nil && s.dlpKey && isDigits(segs[k]) {
			return dlPairs(dst, segs[k:], s, off+segOffset(segs, k))
		}
	}
	return dst, nil
}

func segOffset(segs [][]byte, k int) int {
	n := 1
	for _, s := range segs[:k] {
		n += len(s) + 1
	}
	return n
}

func dlPairs(dst []Element, segs [][]byte, key *aiSpec, off int) ([]Element, error) {
	var errs []error
	last := -1 // position of the previous qualifier in the key's sequence
	for i := 0; i < len(segs); i += 2 {
		el, err := dlElement(segs[i], segs[i+1], off)
		if err != nil && el.spec == nil {
			return dst, joinErrors(append(errs, err))
		} else if err != nil {
			errs = append(errs, err)
		}
		if i > 0 {
			if err := checkQualifier(key, segs[0], el, &last); err != nil {
				errs = append(errs, err)
			}
		}
		dst, off = append(dst, el), off+len(segs[i])+len(segs[i+1])+2
	}
	return dst, joinErrors(errs)
}

// dlElement decodes one AI and value; a value that breaks its format is
// reported but the structure is kept.
func dlElement(ai, raw []byte, off int) (Element, error) {
	spec := lookupAI(ai)
	if spec == nil || !isDigits(ai) {
		return Element{}, errAt(ErrUnknownAI, "", off, "path segment %q is not a GS1 AI", ai)
	}
	v, ok := percentDecode(raw)
	if !ok {
		return Element{}, errAt(ErrSyntax, string(ai), off+len(ai)+1, "bad percent-encoding in %q", raw)
	}
	el := Element{AI: newAI(ai), Value: v, Offset: off, spec: spec}
	if len(v) == 0 {
		return el, errAt(ErrTruncated, string(ai), off, "the value is missing")
	}
	return el, checkValue(spec, ai, v, off+len(ai)+1)
}

func checkQualifier(key *aiSpec, keyAI []byte, el Element, last *int) error {
	pos := strings.Index(key.qualifiers, el.AI.String())
	if !key.isKeyQualifier(el.AI.String()) || pos <= *last {
		return errAt(ErrSyntax, el.AI.String(), el.Offset,
			"(%s) cannot follow the key (%s) here; allowed qualifiers in order: %s",
			el.AI, keyAI, orNone(key.qualifiers))
	}
	*last = pos
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
