package uplink

import "errors"

// Errors for which callers branch.
var (
	// ErrConfig: the configuration is invalid; the error lists every
	// problem with its field path.
	ErrConfig = errors.New("uplink: invalid configuration")
	// ErrConnectionLost: the MQTT connection dropped during a session.
	ErrConnectionLost = errors.New("uplink: connection lost")
	// ErrBadAck: the relay acknowledged another ledger epoch or a seq
	// beyond the ledger's head (was the ledger replaced or restored?).
	ErrBadAck = errors.New("uplink: invalid relay acknowledgement")
)

// ErrOutbox: reading or acknowledging the outbox failed; Run stops with
// it because the ledger is closed or damaged.
var ErrOutbox = errors.New("uplink: outbox failed")
