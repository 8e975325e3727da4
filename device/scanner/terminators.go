package scanner

import "bytes"

// Terminator presets. Any other byte sequence may be used as well.
var (
	CR   = []byte{'\r'}
	LF   = []byte{'\n'}
	CRLF = []byte{'\r', '\n'}
	ETX  = []byte{0x03}
	EOT  = []byte{0x04}
	Tab  = []byte{'\t'}
)

// DefaultTerminators are CR, LF and CRLF, CRLF counting as one.
func DefaultTerminators() [][]byte { return [][]byte{CRLF, CR, LF} }

// longestSuffix returns the length of the longest terminator buf ends
// with, or 0.
func longestSuffix(terms [][]byte, buf []byte) int {
	n := 0
	for _, t := range terms {
		if len(t) > n && bytes.HasSuffix(buf, t) {
			n = len(t)
		}
	}
	return n
}

// isTerminator reports whether b is exactly one of the terminators.
func isTerminator(terms [][]byte, b []byte) bool {
	for _, t := range terms {
		if bytes.Equal(t, b) {
			return true
		}
	}
	return false
}

// canExtend reports whether b is a proper prefix of a longer terminator,
// as CR is of CRLF: the frame must wait for the next byte to know which
// terminator ended it.
func canExtend(terms [][]byte, b []byte) bool {
	for _, t := range terms {
		if len(t) > len(b) && bytes.HasPrefix(t, b) {
			return true
		}
	}
	return false
}
