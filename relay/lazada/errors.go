package lazada

import "errors"

// ErrAPI is a Lazada error envelope (code ≠ "0"); the message has the code
// and Lazada's text.
var ErrAPI = errors.New("lazada api error")
