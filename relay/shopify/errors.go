package shopify

import "errors"

// ErrAPI is a Shopify GraphQL error or userError.
var ErrAPI = errors.New("shopify api error")
