package feedback

import "errors"

// ErrUnknownDriver: the configured driver name is not one of Names.
var ErrUnknownDriver = errors.New("feedback: unknown driver")
