package intake

import (
	"cmp"
	"slices"
	"sync"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/uplink/wire"
)

// Presence is what the relay last heard from a gateway: its retained
// state (birth or last will), its latest health snapshot, and when any
// message of it last arrived. It is what the console's gateways page
// shows: online, last seen, backlog, clock sync.
type Presence struct {
	Site    string `json:"site"`
	Gateway string `json:"gateway"`
	// Online is the last current state; false also before any state.
	Online  bool   `json:"online"`
	Version string `json:"version,omitempty"`
	// StateAt is when the relay received the current state.
	StateAt time.Time `json:"state_at,omitzero"`
	// LastSeen is the relay's time of the gateway's last message of any
	// kind (deltas, state, health).
	LastSeen time.Time `json:"last_seen"`
	// Health is the latest snapshot; nil until one arrives.
	Health *wire.Health `json:"health,omitempty"`
	// boot and session identify the last birth: a will is current only
	// while they match (wire.State).
	boot    string
	session uint64
}

// presenceBook keeps each gateway's Presence, keyed site/gateway.
type presenceBook struct {
	mu  sync.Mutex
	m   map[string]*Presence
	now func() time.Time
}

func newPresenceBook(now func() time.Time) *presenceBook {
	return &presenceBook{m: map[string]*Presence{}, now: now}
}

// get returns a's entry, created on first sight; the caller holds mu.
func (b *presenceBook) get(a wire.Address) *Presence {
	k := a.Site + "/" + a.Gateway
	p := b.m[k]
	if p == nil {
		p = &Presence{Site: a.Site, Gateway: a.Gateway}
		b.m[k] = p
	}
	p.LastSeen = b.now()
	return p
}

// observe takes one state, health or deltas message. A message it cannot
// decode still counts as seen: the gateway is talking.
func (b *presenceBook) observe(topic string, payload []byte) {
	a, ok := wire.ParseTopic(topic)
	if !ok {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.get(a)
	switch a.Kind {
	case wire.KindState:
		if s, err := wire.DecodeState(payload); err == nil {
			p.applyState(s, b.now())
		}
	case wire.KindHealth:
		if h, err := wire.DecodeHealth(payload); err == nil {
			p.Health = &h
		}
	}
}

// applyState takes a birth, or a will that belongs to the last birth (a
// stale will of an earlier boot or session must not mark a live gateway
// offline).
func (p *Presence) applyState(s wire.State, now time.Time) {
	if !s.Online && p.boot != "" && (s.Boot != p.boot || s.Session != p.session) {
		return
	}
	if s.Online {
		p.boot, p.session = s.Boot, s.Session
		if s.Version != "" {
			p.Version = s.Version
		}
	}
	p.Online, p.StateAt = s.Online, now
}

// list returns a copy of every entry, by site then gateway.
func (b *presenceBook) list() []Presence {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]Presence, 0, len(b.m))
	for _, p := range b.m {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(x, y Presence) int {
		return cmp.Or(cmp.Compare(x.Site, y.Site), cmp.Compare(x.Gateway, y.Gateway))
	})
	return out
}

// Presence returns what each gateway last said of itself.
func (c *Client) Presence() []Presence { return c.presence.list() }

// subscribePresence follows every gateway's state and health (not
// shared between relay instances: each one shows all gateways). A
// refusal is logged, not fatal: deltas matter more than the console.
func (c *Client) subscribePresence(pc paho.Client) {
	h := func(_ paho.Client, m paho.Message) { c.presence.observe(m.Topic(), m.Payload()) }
	for _, kind := range []string{wire.KindState, wire.KindHealth} {
		if err := c.subscribe(pc, wire.Filter(kind), h); err != nil {
			c.log.Warn("gateway presence is not followed; the console shows gateways from their deltas only", "err", err)
		}
	}
}
