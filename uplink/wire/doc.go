// Package wire is the versioned message format between an edged gateway
// and the cloud relay: ledger deltas in batches, the relay's cumulative
// acknowledgement, birth and death state, health snapshots and commands,
// and the MQTT topics they travel on.
//
// It imports the standard library only, so the relay can use it without
// the ledger. docs/protocol.md is the specification; this package is its
// reference implementation.
//
// # Encoding
//
// Every message is one JSON object with "v": 1. Decoders refuse other
// versions, unknown shapes and violated invariants with an error that
// wraps ErrMalformed (or ErrVersion, ErrTooLarge), so a relay can drop
// and log a bad message without stopping.
package wire
