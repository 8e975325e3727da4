package sheet

import "errors"

// ErrSymbology: an unknown symbology name.
var ErrSymbology = errors.New("sheet: unknown symbology; use code128 or qr")
