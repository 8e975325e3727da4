package intake

import (
	"sync/atomic"
	"time"

	"github.com/edged/edged/uplink/wire"
)

// GatewayStatus is what the relay knows of one gateway, for `relay status`.
type GatewayStatus struct {
	Site     string    `json:"site"`
	Gateway  string    `json:"gateway"`
	Epoch    string    `json:"epoch"`
	LastSeq  uint64    `json:"last_seq"`
	LastSeen time.Time `json:"last_seen"`
	GapFrom  uint64    `json:"gap_from,omitempty"` // first missing seq of an open gap
	GapSince time.Time `json:"gap_since,omitzero"`
}

// Key is the gateway's stream as the stock engine knows it (its
// Gateways map and its applied sequence): gateway@epoch.
func (g GatewayStatus) Key() string { return streamKey(g.Gateway, g.Epoch) }

func streamKey(gateway, epoch string) string { return gateway + "@" + epoch }

// Counters count batches by outcome. WrongSite are batches the engine
// refused because their site is not the one stock.gateways binds the
// gateway to; UnknownGateway counts both lists' unknown gateways.
type Counters struct {
	Batches, Malformed, UnknownGateway, Failed, Resyncs, WrongSite uint64
}

// noteGap records the gateway's state and opens or closes its gap.
func (in *Intake) noteGap(b *wire.Batch, key string, applied uint64, open bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	st := GatewayStatus{Site: b.Site, Gateway: b.Gateway, Epoch: b.Epoch, LastSeq: applied, LastSeen: in.now()}
	if !open {
		delete(in.gaps, key)
		in.last[b.Gateway] = st
		return
	}
	g, ok := in.gaps[key]
	if !ok || g.from != applied+1 {
		g = gap{since: in.now(), from: applied + 1}
	}
	in.gaps[key] = g
	st.GapFrom, st.GapSince = g.from, g.since
	in.last[b.Gateway] = st
}

// CheckGaps asks every gateway whose gap has been open longer than
// GapHold to resync from its first missing seq (once per gap). The
// relay calls it every few seconds.
func (in *Intake) CheckGaps() {
	applied := in.appliedSeqs()
	in.mu.Lock()
	var due []GatewayStatus
	for key, g := range in.gaps {
		if seq, ok := applied[key]; ok && seq >= g.from {
			delete(in.gaps, key) // closed by another relay's commit (a staged batch applied there)
			continue
		}
		if g.asked || in.now().Sub(g.since) < in.cfg.GapHold {
			continue
		}
		g.asked = true
		in.gaps[key] = g
		for _, st := range in.last {
			if st.Key() == key {
				due = append(due, st)
			}
		}
	}
	in.mu.Unlock()
	for _, st := range due {
		body := wire.Encode(&wire.Resync{From: st.GapFrom})
		if err := in.pub.Publish(wire.CmdTopic(st.Site, st.Gateway, wire.CmdResync), body, false); err != nil {
			in.log.Warn("resync request not sent", "gateway", st.Gateway, "err", err)
			continue
		}
		atomic.AddUint64(&in.ctr.Resyncs, 1)
		in.log.Warn("gap held too long: asked the gateway to resync", "gateway", st.Gateway, "from", st.GapFrom)
	}
}

// appliedSeqs is the store's applied seq per gateway@epoch, when the
// applier tells (stock.Engine does).
func (in *Intake) appliedSeqs() map[string]uint64 {
	if a, ok := in.app.(interface{ Gateways() map[string]uint64 }); ok {
		return a.Gateways()
	}
	return nil
}

// Gateways returns what is known of every gateway.
func (in *Intake) Gateways() []GatewayStatus {
	in.mu.Lock()
	defer in.mu.Unlock()
	out := make([]GatewayStatus, 0, len(in.last))
	for _, st := range in.last {
		out = append(out, st)
	}
	return out
}

// Counters returns a snapshot.
func (in *Intake) Counters() Counters {
	return Counters{Batches: atomic.LoadUint64(&in.ctr.Batches), Malformed: atomic.LoadUint64(&in.ctr.Malformed),
		UnknownGateway: atomic.LoadUint64(&in.ctr.UnknownGateway), Failed: atomic.LoadUint64(&in.ctr.Failed),
		Resyncs: atomic.LoadUint64(&in.ctr.Resyncs), WrongSite: atomic.LoadUint64(&in.ctr.WrongSite)}
}
