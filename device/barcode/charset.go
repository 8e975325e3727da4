package barcode

import (
	"fmt"
	"strings"
)

// badChar returns the index of the first byte not allowed by the
// component type, or -1.
func badChar(typ byte, b []byte) int {
	for i, c := range b {
		if !allowed(typ, c) {
			return i
		}
	}
	return -1
}

func allowed(typ, c byte) bool {
	digit := c >= '0' && c <= '9'
	upper := c >= 'A' && c <= 'Z'
	switch typ {
	case 'N':
		return digit
	case 'Y': // CSET 39
		return digit || upper || c == '#' || c == '-' || c == '/'
	case 'Z': // base64url, with "=" padding
		return digit || upper || c >= 'a' && c <= 'z' || c == '-' || c == '_' || c == '='
	}
	return isCSET82(c)
}

// isCSET82 is GS1's 82-character set for alphanumeric AIs: printable
// ASCII without space, #, $, @, [, \, ], ^, `, {, |, }, ~.
func isCSET82(c byte) bool {
	if c <= ' ' || c >= 0x7F {
		return false
	}
	switch c {
	case '#', '$', '@', '[', '\\', ']', '^', '`', '{', '|', '}', '~':
		return false
	}
	return true
}

func typeName(typ byte) string {
	switch typ {
	case 'N':
		return "numeric"
	case 'Y':
		return "CSET 39"
	case 'Z':
		return "base64url"
	}
	return "GS1 alphanumeric (CSET 82)"
}

// formatOf renders an AI's format the way the GS1 documents write it,
// e.g. "N6" or "N3 X..9", for error messages.
func formatOf(s *aiSpec) string {
	parts := make([]string, len(s.comps))
	for i, c := range s.comps {
		if c.min == c.max {
			parts[i] = fmt.Sprintf("%c%d", c.typ, c.max)
		} else {
			parts[i] = fmt.Sprintf("%c..%d", c.typ, c.max)
		}
		if c.optional {
			parts[i] = "[" + parts[i] + "]"
		}
	}
	return strings.Join(parts, " ")
}
