package wire

import "strings"

// Topic layout: Prefix/{site}/{gateway}/{kind}[/{command}].
const (
	Prefix          = "edged/v1"
	RelayStateTopic = Prefix + "/relay/state"

	KindDeltas = "deltas" // gateway → relay, QoS 1, Batch
	KindAck    = "ack"    // relay → gateway, QoS 1, Ack
	KindState  = "state"  // gateway, QoS 1 retained, State (birth, death/will)
	KindHealth = "health" // gateway, QoS 0, Health
	KindCmd    = "cmd"    // relay or operator → gateway, QoS 1, cmd/{name}

	CmdRebirth = "rebirth" // republish birth and health now
	CmdResync  = "resync"  // body Resync: send again from a seq
	CmdReload  = "reload"  // reload the daemon's configuration
)

// Topic returns the topic of one kind for a gateway.
func Topic(site, gateway, kind string) string {
	return Prefix + "/" + site + "/" + gateway + "/" + kind
}

// CmdTopic returns the topic of one command for a gateway.
func CmdTopic(site, gateway, name string) string {
	return Topic(site, gateway, KindCmd) + "/" + name
}

// Filter returns the subscription filter of one kind for all gateways
// of all sites (the relay uses Filter(KindDeltas)).
func Filter(kind string) string { return Prefix + "/+/+/" + kind }

// Address is a parsed gateway topic.
type Address struct {
	Site, Gateway, Kind string
	Command             string // for KindCmd
}

// ParseTopic splits a gateway topic; ok is false for any other topic,
// including RelayStateTopic.
func ParseTopic(topic string) (a Address, ok bool) {
	rest, found := strings.CutPrefix(topic, Prefix+"/")
	if !found {
		return a, false
	}
	parts := strings.Split(rest, "/")
	if len(parts) < 3 || !ValidID(parts[0]) || !ValidID(parts[1]) {
		return a, false
	}
	a = Address{Site: parts[0], Gateway: parts[1], Kind: parts[2]}
	switch {
	case a.Kind == KindCmd && len(parts) == 4 && parts[3] != "":
		a.Command = parts[3]
	case a.Kind == KindCmd || len(parts) != 3:
		return Address{}, false
	case a.Kind != KindDeltas && a.Kind != KindAck && a.Kind != KindState && a.Kind != KindHealth:
		return Address{}, false
	}
	return a, true
}
