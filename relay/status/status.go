package status

import (
	"slices"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/discover"
	"github.com/edged/edged/relay/fleet"
	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/stock"
)

// Gateway is one gateway's intake state.
type Gateway struct {
	ID string `json:"id"`
	// LastSeq is the last applied (and acknowledgeable) seq.
	LastSeq uint64 `json:"last_seq"`
	// Gaps counts gaps the intake held for this gateway, when it reports them.
	Gaps uint64 `json:"gaps"`
}

// Snapshot is the relay's state at one moment.
type Snapshot struct {
	At       time.Time             `json:"at"`
	Channels []relay.ChannelStatus `json:"channels"`
	Gateways []Gateway             `json:"gateways"`
	Counters stock.Counters        `json:"counters"`
	// Locks are the campaign locks channels hold: units the other
	// channels do not offer.
	Locks []stock.Lock `json:"locks"`
	// PendingFetches are order notifications waiting for their lines.
	PendingFetches int `json:"pending_fetches"`
	// Fleet is the store and the relay instances sharing it.
	Fleet Fleet `json:"fleet"`
	// Broker is the relay's MQTT session, when it has one.
	Broker *intake.BrokerState `json:"broker,omitempty"`
	// Connections are the channels' stored authorisations: shop, scopes,
	// expiry, refresh errors (never the tokens).
	Connections []connect.Status `json:"connections,omitempty"`
	// Drift is the last scheduled mapping check (discover_every), when
	// one ran: how the mapping file differs from the channels' listings.
	Drift *discover.Check `json:"drift,omitempty"`
	// Presence is what each gateway last said of itself over MQTT:
	// online, version, last seen, its health snapshot (backlog, clock).
	Presence []intake.Presence `json:"presence,omitempty"`
}

// Fleet is what `relay status` shows of the store and the instances.
type Fleet struct {
	// Self is this instance's id.
	Self  string      `json:"self"`
	Store StoreHealth `json:"store"`
	// Instances are the relays that beat recently; Leases say which one
	// pushes each channel, at which epoch.
	Instances []fleet.Instance `json:"instances"`
	Leases    []fleet.Lease    `json:"leases"`
}

// StoreHealth is the store's kind and how it answered just now.
type StoreHealth struct {
	// Kind is bbolt or postgres; Name the file or the DSN without its
	// password.
	Kind string `json:"kind"`
	Name string `json:"name"`
	OK   bool   `json:"ok"`
	// Latency is the round trip of the health probe.
	Latency time.Duration `json:"latency"`
	Error   string        `json:"error,omitempty"`
	// Version is the store version this instance's copy is at.
	Version uint64 `json:"version"`
}

// Source is where a snapshot comes from. Engine is required.
type Source struct {
	Engine      *stock.Engine
	Dispatchers map[relay.Channel]*relay.Dispatcher
	// Gaps, when set, returns gaps per gateway (the MQTT intake counts them).
	Gaps func() map[string]uint64
	// Fleet, when set, returns the store's health and the instances.
	Fleet func() Fleet
	// Broker, when set, returns the MQTT session's state.
	Broker func() (intake.BrokerState, bool)
	// Connections, when set, returns the stored connections' state.
	Connections func() []connect.Status
	// Drift, when set, returns the last mapping drift check.
	Drift func() (discover.Check, bool)
	// Presence, when set, returns the gateways' presence.
	Presence func() []intake.Presence
}

// Snapshot reads the current state.
func (s Source) Snapshot() Snapshot {
	snap := Snapshot{At: time.Now(), Counters: s.Engine.Counters(), Locks: s.Engine.Locks(), PendingFetches: s.Engine.Pending()}
	for _, ch := range relay.Channels() {
		if d := s.Dispatchers[ch]; d != nil {
			snap.Channels = append(snap.Channels, d.Status())
		}
	}
	var gaps map[string]uint64
	if s.Gaps != nil {
		gaps = s.Gaps()
	}
	for id, seq := range s.Engine.Gateways() {
		snap.Gateways = append(snap.Gateways, Gateway{ID: id, LastSeq: seq, Gaps: gaps[id]})
	}
	slices.SortFunc(snap.Gateways, func(a, b Gateway) int { return cmpString(a.ID, b.ID) })
	if s.Fleet != nil {
		snap.Fleet = s.Fleet()
	}
	if s.Broker != nil {
		if b, ok := s.Broker(); ok {
			snap.Broker = &b
		}
	}
	if s.Connections != nil {
		snap.Connections = s.Connections()
	}
	if s.Drift != nil {
		if c, ok := s.Drift(); ok {
			snap.Drift = &c
		}
	}
	if s.Presence != nil {
		snap.Presence = s.Presence()
	}
	return snap
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
