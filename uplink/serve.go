package uplink

import (
	"fmt"
	"time"
)

// serve is the session loop: state and health first, then inbound
// acks and commands, then deltas while the window has room.
func (s *sess) serve() error {
	s.publishState(true, 0)
	s.flushHealth()
	tick := time.NewTicker(s.u.cfg.PollInterval)
	defer tick.Stop()
	for {
		if err := s.fill(); err != nil {
			return err
		}
		s.u.setInFlight(len(s.win.flights))
		select {
		case <-s.ctx.Done():
			return s.ctx.Err()
		case <-s.conn.Lost():
			return fmt.Errorf("%w: %w", ErrConnectionLost, s.conn.Err())
		case <-s.u.health.ready:
			s.flushHealth()
		case m := <-s.u.inbound:
			if err := s.handleInbound(m); err != nil {
				return err
			}
		case p := <-s.pubacks:
			if p.err != nil {
				return fmt.Errorf("%w: publish: %w", ErrConnectionLost, p.err)
			}
			s.win.pubacked(p.gen, p.last, time.Now())
		case <-tick.C:
			s.timers(time.Now())
		case <-s.u.notify:
		case <-s.wake.C:
		}
	}
}

// timers resends a stalled window and updates the ack alarm.
func (s *sess) timers(now time.Time) {
	if s.win.stalled(now, s.u.cfg.RetransmitAfter) {
		s.u.log.Warn("uplink: no relay ack; sending the window again", "acked", s.win.acked, "sent", s.win.sent)
		s.win.rewind(s.win.acked+1, now)
		s.u.count(func(l *linkCounters) { l.retransmits++ })
	}
	overdue := s.win.overdue(now, s.u.cfg.AckAlarmAfter)
	if s.u.setAlarm(&s.u.al.ackOverdue, overdue) {
		if overdue {
			s.u.log.Warn("uplink: broker PUBACKed deltas but the relay has not acknowledged them", "after", s.u.cfg.AckAlarmAfter, "acked", s.win.acked)
		}
		s.u.health.push(s.u.snapshot())
		s.flushHealth()
	}
}

// watch forwards the completion of a publish to the loop.
func (s *sess) watch(tok Token, gen, last uint64) {
	s.wg.Go(func() {
		select {
		case <-tok.Done():
			select {
			case s.pubacks <- puback{gen: gen, last: last, err: tok.Error()}:
			case <-s.stop:
			}
		case <-s.stop:
		}
	})
}
