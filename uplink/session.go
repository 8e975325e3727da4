package uplink

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/uplink/wire"
)

// sess is one connected MQTT session: it owns the window and the conn.
type sess struct {
	u       *Uplink
	ctx     context.Context
	conn    Conn
	num     uint64
	epoch   string
	win     window
	bucket  *bucket
	spare   []ledger.Event // read from the outbox but not yet packed
	pubacks chan puback
	stop    chan struct{}
	wg      sync.WaitGroup // token waiters
	relay   relayStatus
	wake    *time.Timer // token bucket refill
}

type puback struct {
	gen, last uint64
	err       error
}

// session dials once and serves the connection until it is lost or ctx
// ends; connected reports whether the dial succeeded.
func (u *Uplink) session(ctx context.Context, num uint64) (connected bool, err error) {
	st, err := u.d.Outbox.Status()
	if err != nil {
		return false, fmt.Errorf("%w: status: %w", ErrOutbox, err)
	}
	conn, err := u.d.Dialer.Dial(ctx, u.dialSpec(num, st.Epoch))
	if err != nil {
		return false, fmt.Errorf("connect: %w", err)
	}
	s := &sess{u: u, ctx: ctx, conn: conn, num: num, epoch: st.Epoch, win: newWindow(u.cfg.Window, st.Acked),
		bucket: newBucket(u.cfg.ReplayRate, u.cfg.ReplayBurst, time.Now()), pubacks: make(chan puback, u.cfg.Window),
		stop: make(chan struct{}), wake: time.NewTimer(time.Hour)}
	defer s.close()
	u.connected(num)
	return true, s.serve()
}

func (u *Uplink) dialSpec(num uint64, epoch string) DialSpec {
	death := wire.State{Site: u.cfg.Site, Gateway: u.cfg.Gateway, Boot: u.boot, Session: num, Epoch: epoch, Version: u.d.Version}
	return DialSpec{
		Will:      Message{Topic: u.topics.state, Payload: wire.Encode(&death), QoS: 1, Retain: true},
		Subscribe: []string{u.topics.ack, u.topics.cmd + "/+", wire.RelayStateTopic},
		OnMessage: u.receive,
	}
}

// receive hands an inbound message to the session loop. It never blocks
// the MQTT client: when the loop is far behind the message is dropped
// and logged. That is harmless for cumulative acks; a lost relay state
// only delays a resend to retransmit_after.
func (u *Uplink) receive(m Message) {
	select {
	case u.inbound <- m:
	default:
		u.log.Warn("uplink: inbound queue full; message dropped", "topic", m.Topic)
	}
}

func (u *Uplink) connected(num uint64) {
	u.mu.Lock()
	if u.link.Session != 0 {
		u.link.Reconnects++
	}
	u.link.Connected, u.link.Session = true, num
	u.mu.Unlock()
	u.log.Info("uplink connected", "session", num, "boot", u.boot)
}

func (s *sess) close() {
	if s.ctx.Err() != nil {
		s.publishState(false, time.Second) // a clean disconnect does not fire the will
	}
	close(s.stop)
	s.wg.Wait()
	s.wake.Stop()
	s.conn.Close()
}

// publishState publishes the retained birth or death and waits up to
// wait for its PUBACK.
func (s *sess) publishState(online bool, wait time.Duration) {
	st := wire.State{Site: s.u.cfg.Site, Gateway: s.u.cfg.Gateway, Online: online, Boot: s.u.boot,
		Session: s.num, Epoch: s.epoch, Version: s.u.d.Version, Time: time.Now()}
	tok := s.conn.Publish(Message{Topic: s.u.topics.state, Payload: wire.Encode(&st), QoS: 1, Retain: true})
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-tok.Done():
		case <-t.C:
		}
	}
}
