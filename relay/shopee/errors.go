package shopee

import "errors"

// ErrAPI is a Shopee error answer (non-empty error field) or a failure_list
// entry.
var ErrAPI = errors.New("shopee api error")
