package uplink

import "time"

// flight is one deltas message sent and not yet acknowledged by the relay.
type flight struct {
	first, last uint64
	pubacked    bool
	pubackAt    time.Time
}

// window tracks the deltas messages between the relay's cumulative ack
// and the last seq handed to the broker. It is owned by one goroutine.
type window struct {
	size     int
	acked    uint64 // relay's cumulative ack (the ledger watermark)
	sent     uint64 // last seq published in this round
	gen      uint64 // bumped by rewind; PUBACKs of older rounds are ignored
	flights  []flight
	progress time.Time // last ack movement, or the send that started waiting
}

func newWindow(size int, acked uint64) window {
	return window{size: size, acked: acked, sent: acked}
}

func (w *window) full() bool { return len(w.flights) >= w.size }

// add records a published message.
func (w *window) add(first, last uint64, now time.Time) {
	if len(w.flights) == 0 {
		w.progress = now
	}
	w.flights = append(w.flights, flight{first: first, last: last})
	w.sent = last
}

// ack applies a cumulative relay ack and reports whether it moved.
func (w *window) ack(upto uint64, now time.Time) bool {
	if upto <= w.acked {
		return false
	}
	w.acked, w.progress = upto, now
	i := 0
	for i < len(w.flights) && w.flights[i].last <= upto {
		i++
	}
	w.flights = w.flights[i:]
	if len(w.flights) > 0 && w.flights[0].first <= upto {
		w.rewind(upto+1, now) // the relay split a message: resend from its next seq
	}
	w.sent = max(w.sent, upto)
	return true
}

// rewind makes the next message start at seq from (at least acked+1):
// the outstanding messages will be sent again, in order.
func (w *window) rewind(from uint64, now time.Time) {
	w.sent = max(from, w.acked+1) - 1
	w.flights = w.flights[:0]
	w.gen++
	w.progress = now
}

// pubacked marks the message ending at last of round gen as PUBACKed.
func (w *window) pubacked(gen, last uint64, now time.Time) {
	if gen != w.gen {
		return
	}
	for i := range w.flights {
		if w.flights[i].last == last && !w.flights[i].pubacked {
			w.flights[i].pubacked, w.flights[i].pubackAt = true, now
		}
	}
}

// stalled reports outstanding messages with no ack progress for d.
func (w *window) stalled(now time.Time, d time.Duration) bool {
	return len(w.flights) > 0 && now.Sub(w.progress) >= d
}

// overdue reports a PUBACKed message without a relay ack for d.
func (w *window) overdue(now time.Time, d time.Duration) bool {
	for _, f := range w.flights {
		if f.pubacked && now.Sub(f.pubackAt) >= d {
			return true
		}
	}
	return false
}
