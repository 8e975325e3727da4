package uplink

import (
	"fmt"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/uplink/wire"
)

// fill publishes deltas messages while the window has room, the relay
// (if awaited) is online and the replay bucket allows.
func (s *sess) fill() error {
	for !s.win.full() && (s.relay == relayOnline || !s.u.cfg.WaitForRelay) {
		events, err := s.next()
		if err != nil || len(events) == 0 {
			return err
		}
		msg, n, err := s.pack(events)
		if err != nil {
			return err
		}
		backlog := n < len(events) || n == wire.MaxBatchEvents
		now := time.Now()
		if backlog && !s.bucket.take(now) {
			s.wake.Reset(s.bucket.wait(now))
			return nil
		}
		s.spare = events[n:]
		s.send(msg, events[0].Seq, events[n-1].Seq, now)
	}
	return nil
}

// next returns the events after win.sent: the spare ones left by the
// previous message when they follow on, else a fresh read.
func (s *sess) next() ([]ledger.Event, error) {
	if len(s.spare) > 0 && s.spare[0].Seq == s.win.sent+1 {
		if len(s.spare) >= wire.MaxBatchEvents {
			return s.spare, nil
		}
		more, err := s.u.d.Outbox.Pending(s.spare[len(s.spare)-1].Seq, wire.MaxBatchEvents-len(s.spare))
		if err != nil {
			return nil, fmt.Errorf("%w: pending: %w", ErrOutbox, err)
		}
		return append(s.spare, more...), nil
	}
	events, err := s.u.d.Outbox.Pending(s.win.sent, wire.MaxBatchEvents)
	if err != nil {
		return nil, fmt.Errorf("%w: pending: %w", ErrOutbox, err)
	}
	if len(events) > 0 && events[0].Seq != s.win.sent+1 {
		s.win.ack(events[0].Seq-1, time.Now()) // the ledger was acked past us (another process)
	}
	return events, nil
}

// pack encodes the longest prefix of events that fits one message.
func (s *sess) pack(events []ledger.Event) ([]byte, int, error) {
	st, err := s.u.d.Outbox.Status()
	if err != nil {
		return nil, 0, fmt.Errorf("%w: status: %w", ErrOutbox, err)
	}
	w := make([]wire.Event, len(events))
	for i := range events {
		w[i] = ToWire(&events[i])
	}
	h := wire.Header{Site: s.u.cfg.Site, Gateway: s.u.cfg.Gateway, Epoch: s.epoch, Boot: s.u.boot,
		Session: s.num, Head: st.Head, HeadHash: st.HeadHash}
	msg, n, err := wire.Pack(h, w)
	if err != nil {
		return nil, 0, fmt.Errorf("uplink: pack seq %d: %w", events[0].Seq, err)
	}
	return msg, n, nil
}

func (s *sess) send(msg []byte, first, last uint64, now time.Time) {
	tok := s.conn.Publish(Message{Topic: s.u.topics.deltas, Payload: msg, QoS: 1})
	s.win.add(first, last, now)
	s.watch(tok, s.win.gen, last)
	s.u.count(func(l *linkCounters) { l.sent++ })
}
