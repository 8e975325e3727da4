package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Version is the message format version written by this package.
const Version = 1

// Limits of one deltas message.
const (
	MaxBatchEvents = 500
	MaxBatchBytes  = 64 << 10
	// headerReserve bounds the encoded header (five identifiers of at
	// most MaxIDLen bytes, three numbers and a hash) so Pack can size
	// the events before it knows First and Last.
	headerReserve = 1024
)

// Header identifies a batch: who sent it, from which ledger and session,
// and which gap-free range of sequence numbers it carries.
type Header struct {
	V        int    `json:"v"`
	Site     string `json:"site"`
	Gateway  string `json:"gateway"`
	Epoch    string `json:"epoch"`     // ledger file id; a new epoch restarts seq
	Boot     string `json:"boot"`      // random id of the gateway process run
	Session  uint64 `json:"session"`   // MQTT connection counter within Boot
	First    uint64 `json:"first"`     // seq of Events[0]
	Last     uint64 `json:"last"`      // seq of the last event
	Head     uint64 `json:"head"`      // ledger head when the batch was built
	HeadHash string `json:"head_hash"` // chain hash of the event at Head
}

// Batch is one deltas message: a header and the events First..Last.
type Batch struct {
	Header
	Events []Event `json:"events"`
}

// Validate checks the invariants a relay relies on.
func (b *Batch) Validate() error {
	if err := b.Header.validate(); err != nil {
		return err
	}
	n := b.Last - b.First + 1
	if n > MaxBatchEvents {
		return fmt.Errorf("%w: %d events (the limit is %d)", ErrTooLarge, n, MaxBatchEvents)
	}
	if uint64(len(b.Events)) != n {
		return malformed("seq %d..%d names %d events but %d are present", b.First, b.Last, n, len(b.Events))
	}
	for i := range b.Events {
		if b.Events[i].Seq != b.First+uint64(i) {
			return malformed("event %d has seq %d, want %d", i, b.Events[i].Seq, b.First+uint64(i))
		}
	}
	return nil
}

func (h *Header) validate() error {
	if h.V != Version {
		return fmt.Errorf("%w: v=%d (this build speaks %d)", ErrVersion, h.V, Version)
	}
	if err := validIDs("site", h.Site, "gateway", h.Gateway, "epoch", h.Epoch, "boot", h.Boot); err != nil {
		return err
	}
	if len(h.HeadHash) > MaxIDLen {
		return malformed("head_hash is %d bytes long (limit %d)", len(h.HeadHash), MaxIDLen)
	}
	if h.First == 0 || h.Last < h.First || h.Head < h.Last {
		return malformed("bad seq range first=%d last=%d head=%d", h.First, h.Last, h.Head)
	}
	return nil
}

// DecodeBatch parses and validates one deltas message.
func DecodeBatch(data []byte) (*Batch, error) {
	if len(data) > MaxBatchBytes {
		return nil, fmt.Errorf("%w: %d bytes (the limit is %d)", ErrTooLarge, len(data), MaxBatchBytes)
	}
	var b Batch
	if err := decode(data, &b); err != nil {
		return nil, err
	}
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return &b, nil
}

// EncodeBatch validates b and encodes it.
func EncodeBatch(b *Batch) ([]byte, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	data, err := json.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("wire: encode batch: %w", err)
	}
	if len(data) > MaxBatchBytes {
		return nil, fmt.Errorf("%w: %d bytes (the limit is %d)", ErrTooLarge, len(data), MaxBatchBytes)
	}
	return data, nil
}

func decode(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return malformed("%v", err)
	}
	if d.More() {
		return malformed("trailing data after the message")
	}
	return nil
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrMalformed}, args...)...)
}
