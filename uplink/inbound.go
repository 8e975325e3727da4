package uplink

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/uplink/wire"
)

// handleInbound handles m and the messages already queued behind it
// (at most a window's worth of queue); their acks are coalesced into one
// ledger write of the highest, since each write is an fsync.
func (s *sess) handleInbound(m Message) error {
	var upto uint64
	for range cap(s.u.inbound) {
		if m.Topic == s.u.topics.ack {
			upto = max(upto, s.checkAck(m.Payload))
		} else {
			s.handle(m)
		}
		select {
		case m = <-s.u.inbound:
			continue
		default:
		}
		break
	}
	return s.applyAck(upto)
}

// handle applies a command or the relay's state. Malformed messages are
// logged and dropped.
func (s *sess) handle(m Message) {
	switch {
	case m.Topic == wire.RelayStateTopic:
		s.relayState(m)
	case strings.HasPrefix(m.Topic, s.u.topics.cmd+"/"):
		s.command(strings.TrimPrefix(m.Topic, s.u.topics.cmd+"/"), m.Payload)
	}
}

// checkAck returns the seq an ack covers, or 0 (and the alarm) when it
// is malformed or for another ledger epoch.
func (s *sess) checkAck(payload []byte) uint64 {
	a, err := wire.DecodeAck(payload)
	if err == nil && a.Epoch != s.epoch {
		err = fmt.Errorf("%w: ack for epoch %q, the ledger's is %q", ErrBadAck, a.Epoch, s.epoch)
	}
	if err != nil {
		s.refuseAck(err)
		return 0
	}
	return a.Upto
}

// applyAck moves the ledger's watermark and the window to upto.
func (s *sess) applyAck(upto uint64) error {
	if upto <= s.win.acked {
		return nil
	}
	if err := s.u.d.Outbox.Ack(s.ctx, upto); errors.Is(err, ledger.ErrBadAck) {
		s.refuseAck(err)
		return nil
	} else if err != nil {
		return fmt.Errorf("%w: ack %d: %w", ErrOutbox, upto, err)
	}
	s.win.ack(upto, time.Now())
	s.u.setAlarm(&s.u.al.badAck, false)
	return nil
}

func (s *sess) refuseAck(err error) {
	s.u.log.Warn("uplink: relay ack refused", "err", err)
	s.u.setAlarm(&s.u.al.badAck, true)
}

// command runs a cmd/{name} message.
func (s *sess) command(name string, payload []byte) {
	s.u.log.Info("uplink: command", "name", name)
	switch name {
	case wire.CmdRebirth:
		s.publishState(true, 0)
		s.u.health.push(s.u.snapshot())
		s.flushHealth()
	case wire.CmdResync:
		r, err := wire.DecodeResync(payload)
		if err != nil {
			s.u.log.Warn("uplink: bad resync command", "err", err)
			return
		}
		s.win.rewind(r.From, time.Now())
	case wire.CmdReload:
		if s.u.d.Reload != nil {
			s.u.d.Reload()
		}
	default:
		s.u.log.Warn("uplink: unknown command", "name", name)
	}
}
