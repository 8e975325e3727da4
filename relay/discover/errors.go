package discover

import (
	"errors"
	"fmt"
)

// ErrBadCatalog wraps every problem of a catalog file.
var ErrBadCatalog = errors.New("bad catalog")

var errNoSKUColumn = errors.New(`no "sku" column; the first line must name the columns, e.g. "sku,name"`)

func catalogError(name, where string, err error) error {
	if where != "" {
		return fmt.Errorf("%w: %s: %s: %w", ErrBadCatalog, name, where, err)
	}
	return fmt.Errorf("%w: %s: %w", ErrBadCatalog, name, err)
}
