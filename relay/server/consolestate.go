package server

import (
	"slices"
	"strings"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/console"
	"github.com/edged/edged/relay/intake"
)

// Channels are the enabled channels' push state and connections.
func (c *consoleSource) Channels() []console.Channel {
	conns := map[relay.Channel]connect.Status{}
	for _, st := range c.s.Connections() {
		conns[st.Channel] = st
	}
	var out []console.Channel
	for _, ch := range relay.Channels() {
		d := c.s.disp[ch]
		if d == nil {
			continue
		}
		st, cn := d.Status(), conns[ch]
		out = append(out, console.Channel{Name: string(ch), LastPush: st.LastPush, LastLag: st.LastLag, MaxLag: st.MaxLag,
			Pushed: st.Pushed, Failed: st.Failed, Pending: st.Pending, LastError: st.LastError,
			Connected: cn.Connected, Shop: cn.Shop, AccessExpires: cn.AccessExpires, RefreshExpires: cn.RefreshExpires,
			Warning: strings.TrimSpace(cn.Warning + " " + cn.LastError), Owner: c.owner(ch)})
	}
	slices.SortFunc(out, func(a, b console.Channel) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// owner is who pushes ch, as far as this relay knows without asking the
// store (the relays page asks).
func (c *consoleSource) owner(ch relay.Channel) string {
	if g := c.s.gates[ch]; g != nil && g.Owned() {
		return c.s.cfg.Fleet.Instance + " (this relay)"
	}
	return "another relay"
}

// Gateways joins what the intake saw of each gateway with the engine's
// applied seqs (which outlive a restart of the intake).
func (c *consoleSource) Gateways() []console.Gateway {
	applied := c.s.engine.Gateways()
	var out []console.Gateway
	for _, g := range c.s.gatewayStates() {
		delete(applied, g.Key())
		out = append(out, console.Gateway{ID: g.Gateway, Site: g.Site, LastSeen: g.LastSeen, LastSeq: g.LastSeq,
			GapFrom: g.GapFrom, GapSince: g.GapSince})
	}
	for key, seq := range applied {
		id, _, _ := strings.Cut(key, "@")
		out = append(out, console.Gateway{ID: id, LastSeq: seq})
	}
	out = withPresence(out, c.s.presence())
	slices.SortFunc(out, func(a, b console.Gateway) int { return strings.Compare(a.Site+"/"+a.ID, b.Site+"/"+b.ID) })
	return out
}

// withPresence adds what each gateway last said of itself over MQTT (its
// retained state and health: online, backlog, clock sync), also for a
// gateway that has sent no deltas yet.
func withPresence(gws []console.Gateway, ps []intake.Presence) []console.Gateway {
	for _, p := range ps {
		i := slices.IndexFunc(gws, func(g console.Gateway) bool { return g.ID == p.Gateway && (g.Site == p.Site || g.Site == "") })
		if i < 0 {
			gws = append(gws, console.Gateway{ID: p.Gateway})
			i = len(gws) - 1
		}
		g := &gws[i]
		g.Site, g.Online = p.Site, p.Online
		if p.LastSeen.After(g.LastSeen) {
			g.LastSeen = p.LastSeen
		}
		if h := p.Health; h != nil {
			backlog, synced := h.Backlog.Entries, h.ClockSynced
			g.Backlog, g.ClockSynced = &backlog, &synced
		}
	}
	return gws
}

// Instances are the relays that beat recently and the leases each holds.
func (c *consoleSource) Instances() []console.Instance {
	f := c.s.fleetStatus()
	var out []console.Instance
	for _, in := range f.Instances {
		ci := console.Instance{ID: in.ID, Version: in.Version, Host: in.Host, Started: in.Started, Heartbeat: in.Heartbeat, Self: in.ID == f.Self}
		for _, l := range f.Leases {
			if l.Owner == in.ID && l.Remaining > 0 {
				ci.Leases = append(ci.Leases, string(l.Channel))
			}
		}
		out = append(out, ci)
	}
	return out
}
