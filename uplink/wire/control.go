package wire

import (
	"encoding/json"
	"time"
)

// Ack is the relay's cumulative acknowledgement on a gateway's ack
// topic: every event of ledger Epoch up to and including Upto is durably
// applied by the relay. The gateway deletes from its outbox only on it.
type Ack struct {
	V     int    `json:"v"`
	Epoch string `json:"epoch"`
	Upto  uint64 `json:"upto"`
}

// State is a gateway's retained birth (Online) or death (not Online,
// also its MQTT last will). A death is current only while its Boot and
// Session equal those of the last birth; an older will is stale.
type State struct {
	V       int       `json:"v"`
	Site    string    `json:"site"`
	Gateway string    `json:"gateway"`
	Online  bool      `json:"online"`
	Boot    string    `json:"boot"`
	Session uint64    `json:"session"`
	Epoch   string    `json:"epoch,omitempty"`
	Version string    `json:"version,omitempty"`
	Time    time.Time `json:"time,omitzero"` // gateway clock; absent in a will
}

// RelayState is the relay's retained announcement on RelayStateTopic.
type RelayState struct {
	V      int       `json:"v"`
	Online bool      `json:"online"`
	Time   time.Time `json:"time,omitzero"`
}

// Resync is the body of the resync command: send again from seq From.
type Resync struct {
	V    int    `json:"v"`
	From uint64 `json:"from"`
}

// Encode marshals any message of this package with its version set.
func Encode(m interface{ setVersion() }) []byte {
	m.setVersion()
	b, err := json.Marshal(m)
	if err != nil {
		panic("wire: encode: " + err.Error()) // only plain fields: cannot fail
	}
	return b
}

func (a *Ack) setVersion()        { a.V = Version }
func (s *State) setVersion()      { s.V = Version }
func (r *RelayState) setVersion() { r.V = Version }
func (r *Resync) setVersion()     { r.V = Version }
func (h *Health) setVersion()     { h.V = Version }

// DecodeAck parses an ack.
func DecodeAck(data []byte) (Ack, error) {
	var a Ack
	return a, decodeVersioned(data, &a, &a.V)
}

// DecodeState parses a gateway birth or death.
func DecodeState(data []byte) (State, error) {
	var s State
	return s, decodeVersioned(data, &s, &s.V)
}

// DecodeRelayState parses the relay's announcement.
func DecodeRelayState(data []byte) (RelayState, error) {
	var r RelayState
	return r, decodeVersioned(data, &r, &r.V)
}

// DecodeResync parses a resync command.
func DecodeResync(data []byte) (Resync, error) {
	var r Resync
	return r, decodeVersioned(data, &r, &r.V)
}

// DecodeHealth parses a health snapshot.
func DecodeHealth(data []byte) (Health, error) {
	var h Health
	return h, decodeVersioned(data, &h, &h.V)
}

func decodeVersioned(data []byte, v any, version *int) error {
	if len(data) > MaxBatchBytes {
		return ErrTooLarge
	}
	if err := decode(data, v); err != nil {
		return err
	}
	if *version != Version {
		return ErrVersion
	}
	return nil
}
