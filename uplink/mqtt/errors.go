package mqtt

import "errors"

// Errors for which callers branch.
var (
	// ErrConfig: the configuration is invalid.
	ErrConfig = errors.New("mqtt: invalid configuration")
	// ErrRefused: the broker refused the connection or a subscription
	// (bad credentials, ACL).
	ErrRefused = errors.New("mqtt: refused by the broker")
	// ErrTimeout: the broker did not answer in time.
	ErrTimeout = errors.New("mqtt: timed out")
)
