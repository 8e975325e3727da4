package barcode

import (
	"errors"
	"fmt"
)

// Sentinel errors, one per kind of bad input. Every error the package
// returns wraps one of them (test with errors.Is) inside an *Error that
// says where the problem is.
var (
	// ErrEmpty: there is no data (or only a symbology identifier).
	ErrEmpty = errors.New("no data")
	// ErrUnknownAI: the digits at this position are not an assigned AI.
	ErrUnknownAI = errors.New("unknown application identifier")
	// ErrTruncated: the data ends inside an AI or a fixed-length value.
	ErrTruncated = errors.New("data ends too early")
	// ErrTooLong: a variable-length value is longer than the AI allows,
	// usually because the scanner dropped the GS separator.
	ErrTooLong = errors.New("value too long")
	// ErrCharset: a character the AI's format does not allow.
	ErrCharset = errors.New("character not allowed")
	// ErrCheckDigit: a GTIN, SSCC, GLN or other key has a wrong check digit.
	ErrCheckDigit = errors.New("check digit mismatch")
	// ErrDate: an impossible date or time.
	ErrDate = errors.New("invalid date")
	// ErrValue: a value breaks another rule of its AI's format.
	ErrValue = errors.New("invalid value")
	// ErrSyntax: malformed bracketed form, Digital Link URI or AIM identifier.
	ErrSyntax = errors.New("malformed barcode data")
	// ErrGTIN: a code that should be a GTIN has the wrong length or digits.
	ErrGTIN = errors.New("not a valid GTIN")
)

// Error is a parse failure at a byte offset of the scanned data.
type Error struct {
	Kind   error  // one of the sentinels above
	AI     string // the AI concerned, if known
	Offset int    // byte offset in the data that was parsed
	Detail string // what exactly is wrong
}

func (e *Error) Error() string {
	where := fmt.Sprintf("at byte %d", e.Offset)
	if e.AI != "" {
		where = fmt.Sprintf("AI (%s) at byte %d", e.AI, e.Offset)
	}
	return fmt.Sprintf("gs1: %s: %s; %s", where, e.Detail, hint(e.Kind))
}

func (e *Error) Unwrap() error { return e.Kind }

// hint tells the person at the scanner what to try.
func hint(kind error) string {
	switch kind {
	case ErrTooLong:
		return "the scanner may be dropping the GS (FNC1) separator; enable GS transmission"
	case ErrUnknownAI, ErrTruncated:
		return "check that the label is a GS1 barcode and that the scanner sends GS separators"
	case ErrSyntax:
		return "check the scanner's prefix/suffix and AIM identifier settings"
	default:
		return "check the scanner's data or the printed label"
	}
}

func errAt(kind error, ai string, off int, format string, args ...any) *Error {
	return &Error{Kind: kind, AI: ai, Offset: off, Detail: fmt.Sprintf(format, args...)}
}
