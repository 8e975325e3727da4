// Package intake takes every gateway's deltas from MQTT into the relay's
// stock engine and acknowledges them.
//
// A batch (uplink/wire) is converted into stock deltas: the net change of
// sellable on-hand the event made (transfers within a site net to zero
// and are applied as empty adjustments so that sequence numbers stay
// contiguous; damaged stock is not sellable), with the order reference of
// picks. The engine applies it durably and returns the last applied seq,
// which is then acknowledged cumulatively on the gateway's ack topic.
//
// Sequences are kept per gateway and ledger epoch: a gateway whose ledger
// file was replaced starts again at seq 1 under a new epoch and is not
// mistaken for a repeat. A batch beyond a gap is held: what comes before
// the gap is applied and acknowledged, and if the gap is still open after
// Config.GapHold (30 s) the gateway is asked to resync from the first
// missing seq.
//
// The relay announces itself on the retained relay state topic (online
// at start, offline as its will and at stop). Subscribing through an MQTT
// shared subscription ($share/<group>/...) lets several relay instances on
// one PostgreSQL store split the messages; the store orders them (a batch
// that arrives before its predecessor is staged there).
package intake
