package wire

import "errors"

// Errors returned by the decoders and by Pack.
var (
	// ErrMalformed: the bytes are not a valid message of the expected kind.
	ErrMalformed = errors.New("wire: malformed message")
	// ErrVersion: the message has a version this build does not speak.
	ErrVersion = errors.New("wire: unsupported message version")
	// ErrTooLarge: the message exceeds MaxBatchBytes or MaxBatchEvents.
	ErrTooLarge = errors.New("wire: message too large")
)
