package uplink

import (
	"fmt"
	"strings"
	"sync"

	"github.com/edged/edged/uplink/wire"
)

// noticeMax bounds the notices kept while offline; the oldest go first,
// as with health: a newer count plan or alert list replaces an older one.
const noticeMax = 64

// notices are other gateway messages (count plans, stock alerts) that
// travel with health, at QoS 1, on edged/v1/{site}/{gateway}/{kind}.
type notices struct {
	mu      sync.Mutex
	q       []Message
	dropped uint64
}

// Publish queues a message on the gateway's topic of that kind (one or
// more topic levels such as "countplan" or "alerts/low_stock"); it is
// sent with the next health flush, at once when connected. The reserved
// kinds of the uplink protocol are refused.
func (u *Uplink) Publish(kind string, payload []byte) error {
	if err := checkKind(kind); err != nil {
		return err
	}
	u.notes.mu.Lock()
	if len(u.notes.q) >= noticeMax {
		u.notes.q = u.notes.q[1:]
		u.notes.dropped++
	}
	u.notes.q = append(u.notes.q, Message{Topic: wire.Topic(u.cfg.Site, u.cfg.Gateway, kind), Payload: payload, QoS: 1})
	u.notes.mu.Unlock()
	select {
	case u.health.ready <- struct{}{}:
	default:
	}
	return nil
}

func checkKind(kind string) error {
	switch first, _, _ := strings.Cut(kind, "/"); first {
	case wire.KindDeltas, wire.KindAck, wire.KindState, wire.KindHealth, wire.KindCmd:
		return fmt.Errorf("%w: %q is a reserved uplink topic", ErrConfig, kind)
	}
	for _, level := range strings.Split(kind, "/") {
		if !wire.ValidID(level) {
			return fmt.Errorf("%w: topic kind %q: each level must be a-z, 0-9, '-', '_' or '.'", ErrConfig, kind)
		}
	}
	return nil
}

func (n *notices) take() []Message {
	n.mu.Lock()
	defer n.mu.Unlock()
	q := n.q
	n.q = nil
	return q
}
