package status

import (
	"slices"
	"time"

	"github.com/edged/edged/relay"
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
}

// Source is where a snapshot comes from. Engine is required.
type Source struct {
	Engine      *stock.Engine
	Dispatchers map[relay.Channel]*relay.Dispatcher
	// Gaps, when set, returns gaps per gateway (the MQTT intake counts them).
	Gaps func() map[string]uint64
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
