package barcode

import "fmt"

// problem is a failed check inside one value: the kind, the offset
// within the value and what is wrong. It is a value type so successful
// checks allocate nothing.
type problem struct {
	kind   error
	at     int
	detail string
}

// checkValue applies the AI's format, component by component, to the
// value v found at byte off of the input.
func checkValue(s *aiSpec, ai, v []byte, off int) error {
	pos := 0
	for _, c := range s.comps {
		if pos == len(v) && c.optional {
			break
		}
		n := min(int(c.max), len(v)-pos)
		if n < int(c.min) {
			return errAt(ErrTruncated, string(ai), off+pos, "value %q is too short: %s needs %s",
				v, s.title, formatOf(s))
		}
		if p := checkComponent(c, v[pos:pos+n]); p.kind != nil {
			return errAt(p.kind, string(ai), off+pos+p.at, "%s", p.detail)
		}
		pos += n
	}
	if pos < len(v) {
		return errAt(ErrTooLong, string(ai), off, "value is %d characters; %s allows at most %d",
			len(v), s.title, s.maxLen())
	}
	return nil
}

func checkComponent(c component, b []byte) problem {
	if i := badChar(c.typ, b); i >= 0 {
		return problem{ErrCharset, i, fmt.Sprintf("character %q (0x%02X) is not allowed in %s data",
			b[i], b[i], typeName(c.typ))}
	}
	if c.lint&lintCsum != 0 && !ValidCheckDigit(b) {
		want, _ := CheckDigit(b[:len(b)-1])
		return problem{ErrCheckDigit, len(b) - 1, fmt.Sprintf("check digit of %s is %c, expected %c",
			b, b[len(b)-1], want)}
	}
	if c.lint&(lintYymmd0|lintYymmdd|lintYyyymmdd) != 0 {
		return checkDate(c, b)
	}
	return checkOther(c.lint, b)
}

func checkDate(c component, b []byte) problem {
	d, ok := parseDate(b)
	if !ok {
		return problem{ErrDate, 0, fmt.Sprintf("date %q has the wrong length", b)}
	}
	if msg := d.check(c.lint&lintYymmd0 != 0); msg != "" {
		return problem{ErrDate, 0, fmt.Sprintf("date %s: %s", b, msg)}
	}
	return problem{}
}

// checkOther enforces the remaining linters that need no code list.
func checkOther(l linter, b []byte) problem {
	bad := func(what string) problem {
		return problem{ErrValue, 0, fmt.Sprintf("%q is not %s", b, what)}
	}
	switch {
	case l&lintHhmi != 0 && (num(b[:2]) > 23 || num(b[2:]) > 59):
		return problem{ErrDate, 0, fmt.Sprintf("time %s is not a valid HHMM time", b)}
	case l&lintHh != 0 && num(b) > 23, l&(lintMi|lintSs) != 0 && num(b) > 59:
		return problem{ErrDate, 0, fmt.Sprintf("%s is not a valid hour, minute or second", b)}
	case l&lintYesno != 0 && b[0] != '0' && b[0] != '1':
		return bad("0 (no) or 1 (yes)")
	case l&lintZero != 0 && b[0] != '0':
		return bad("0")
	case l&lintNonzero != 0 && num(b) == 0:
		return bad("a non-zero number")
	case l&lintNozeroprefix != 0 && len(b) > 1 && b[0] == '0':
		return bad("a number without leading zeros")
	case l&lintHyphen != 0 && b[0] != '-':
		return bad("a hyphen")
	case l&lintWinding != 0 && b[0] != '0' && b[0] != '1' && b[0] != '9':
		return bad("a winding direction (0, 1 or 9)")
	case l&lintPieceoftotal != 0 && (num(b[:2]) == 0 || num(b[:2]) > num(b[2:])):
		return bad("a piece number NNTT with 0 < NN <= TT")
	case l&lintHasnondigit != 0 && isDigits(b):
		return bad("allowed to be all digits")
	}
	return problem{}
}
