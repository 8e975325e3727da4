package uplink

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/uplink/wire"
)

// handle applies one inbound message: a relay ack, a command or the
// relay's state. Malformed messages are logged and dropped.
func (s *sess) handle(m Message) error {
	switch {
	case m.Topic == s.u.topics.ack:
		return s.handleAck(m.Payload)
	case m.Topic == wire.RelayStateTopic:
		rs, err := wire.DecodeRelayState(m.Payload)
		if err != nil {
			s.u.log.Warn("uplink: bad relay state", "err", err)
			return nil
		}
		s.relayUp = rs.Online
		s.u.mu.Lock()
		s.u.link.RelayOnline = rs.Online
		s.u.mu.Unlock()
	case strings.HasPrefix(m.Topic, s.u.topics.cmd+"/"):
		s.command(strings.TrimPrefix(m.Topic, s.u.topics.cmd+"/"), m.Payload)
	}
	return nil
}

func (s *sess) handleAck(payload []byte) error {
	a, err := wire.DecodeAck(payload)
	if err == nil && a.Epoch != s.epoch {
		err = fmt.Errorf("%w: ack for epoch %q, the ledger's is %q", ErrBadAck, a.Epoch, s.epoch)
	}
	if err == nil && a.Upto > s.win.acked {
		err = s.u.d.Outbox.Ack(s.ctx, a.Upto)
		if err != nil && !errors.Is(err, ledger.ErrBadAck) {
			return fmt.Errorf("%w: ack %d: %w", ErrOutbox, a.Upto, err)
		}
	}
	if err != nil {
		s.u.log.Warn("uplink: relay ack refused", "err", err)
		s.u.setAlarm(&s.u.al.badAck, true)
		return nil
	}
	if s.win.ack(a.Upto, time.Now()) {
		s.u.setAlarm(&s.u.al.badAck, false)
	}
	return nil
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
