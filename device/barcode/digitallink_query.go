package barcode

import "bytes"

// dlQuery reads the data attributes of a Digital Link query string.
// Parameters that are not AIs permitted as attributes are ignored, as are
// empty ones ("&&").
func dlQuery(dst []Element, q []byte, off int) ([]Element, error) {
	var errs []error
	for len(q) > 0 {
		param, rest, _ := bytes.Cut(q, []byte("&"))
		key, val, _ := bytes.Cut(param, []byte("="))
		if s := lookupAI(key); s != nil && s.dlAttr && isDigits(key) {
			el, err := dlElement(key, val, off)
			if err != nil {
				errs = append(errs, err)
			}
			if el.spec != nil {
				dst = append(dst, el)
			}
		}
		off += len(param) + 1
		q = rest
	}
	return dst, joinErrors(errs)
}

// percentDecode copies only when the value holds an escape.
func percentDecode(v []byte) ([]byte, bool) {
	i := bytes.IndexByte(v, '%')
	if i < 0 {
		return v, true
	}
	out := make([]byte, 0, len(v))
	out = append(out, v[:i]...)
	for ; i < len(v); i++ {
		if v[i] != '%' {
			out = append(out, v[i])
			continue
		}
		if i+2 >= len(v) || unhex(v[i+1]) < 0 || unhex(v[i+2]) < 0 {
			return nil, false
		}
		out = append(out, byte(unhex(v[i+1])<<4|unhex(v[i+2])))
		i += 2
	}
	return out, true
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
