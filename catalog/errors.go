package catalog

import "errors"

var (
	// ErrDuplicate means a key (SKU code, alias, GTIN or EPC pattern) is
	// listed twice for the same SKU; remove one of the entries.
	ErrDuplicate = errors.New("duplicate entry")
	// ErrConflict means a key maps to two different SKUs; a read of that
	// key could not be attributed, so the catalog is refused.
	ErrConflict = errors.New("conflicting entry")
	// ErrInvalid means an entry is malformed: a GTIN with a wrong length
	// or check digit, an empty SKU, or an unsupported EPC pattern.
	ErrInvalid = errors.New("invalid entry")
)
