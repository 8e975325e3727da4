package uplink

import (
	"time"

	"github.com/edged/edged/uplink/wire"
)

// relayStatus is what a session knows of the relay's retained state.
type relayStatus int

const (
	relayUnknown relayStatus = iota // no state received in this session
	relayOffline
	relayOnline
)

// relayState applies a message on wire.RelayStateTopic. A relay that
// comes online has not heard what was sent while no relay was
// subscribed, so the unacknowledged deltas go again at once instead of
// after retransmit_after.
func (s *sess) relayState(m Message) {
	rs, err := wire.DecodeRelayState(m.Payload)
	if err != nil {
		s.u.log.Warn("uplink: bad relay state", "err", err)
		return
	}
	if s.relayCameOnline(rs.Online, m.Retain) {
		s.resendForRelay(time.Now())
	}
	s.u.mu.Lock()
	s.u.link.RelayOnline = rs.Online
	s.u.mu.Unlock()
}

// relayCameOnline records the relay's state and reports a (re)start:
// online after offline, or online published while this session was
// subscribed and had no state yet (a relay's first announcement, e.g.
// after a broker restart). The retained online delivered on subscribe is
// only the current state, and repeated onlines (several relay
// instances, a re-announcement) are no transition: neither resends.
func (s *sess) relayCameOnline(online, retained bool) bool {
	prev := s.relay
	s.relay = relayOffline
	if online {
		s.relay = relayOnline
	}
	return online && (prev == relayOffline || (prev == relayUnknown && !retained))
}

// resendForRelay rewinds the window to the first unacknowledged seq;
// fill then sends it again in order, within the window and the replay
// bucket, as for any retransmission.
func (s *sess) resendForRelay(now time.Time) {
	if s.win.sent <= s.win.acked {
		return
	}
	s.u.log.Info("uplink: relay online; sending the unacknowledged deltas again", "acked", s.win.acked, "sent", s.win.sent)
	s.win.rewind(s.win.acked+1, now)
	s.u.count(func(l *linkCounters) { l.retransmits++ })
}
