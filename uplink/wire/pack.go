package wire

import (
	"encoding/json"
	"fmt"
)

// Pack encodes the longest prefix of events that fits one message (at
// most MaxBatchEvents events and MaxBatchBytes bytes) under header h,
// whose First and Last it sets. events must carry consecutive seqs. It
// returns the message and how many events it holds; it fails only when
// h is invalid or a single event cannot fit.
func Pack(h Header, events []Event) ([]byte, int, error) {
	if len(events) == 0 {
		return nil, 0, malformed("no events to pack")
	}
	h.V, h.First = Version, events[0].Seq
	parts, size, err := encodeEvents(events)
	if err != nil {
		return nil, 0, err
	}
	h.Last = h.First + uint64(len(parts)) - 1
	b := Batch{Header: h, Events: events[:len(parts)]}
	if err := b.Validate(); err != nil {
		return nil, 0, err
	}
	head, err := json.Marshal(&h)
	if err != nil {
		return nil, 0, fmt.Errorf("wire: encode header: %w", err)
	}
	out := make([]byte, 0, len(head)+size+16)
	out = append(append(out, head[:len(head)-1]...), `,"events":[`...)
	for i, p := range parts {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, p...)
	}
	return append(out, "]}"...), len(parts), nil
}

// encodeEvents encodes events until the next one would overflow a message.
func encodeEvents(events []Event) ([][]byte, int, error) {
	var parts [][]byte
	size := 0
	for i := range events {
		if len(parts) == MaxBatchEvents {
			break
		}
		p, err := json.Marshal(&events[i])
		if err != nil {
			return nil, 0, fmt.Errorf("wire: encode event seq %d: %w", events[i].Seq, err)
		}
		if size+len(p)+1 > MaxBatchBytes-headerReserve {
			if len(parts) == 0 {
				return nil, 0, fmt.Errorf("%w: event seq %d alone is %d bytes", ErrTooLarge, events[i].Seq, len(p))
			}
			break
		}
		parts, size = append(parts, p), size+len(p)+1
	}
	return parts, size, nil
}
