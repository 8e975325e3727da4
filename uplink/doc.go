// Package uplink is the store-and-forward link from the ledger's outbox
// to the cloud relay over MQTT.
//
// # Delivery
//
// Every ledger event travels in a wire.Batch on the gateway's deltas
// topic, in strict seq order, with at most Config.Window messages sent
// and not yet acknowledged by the relay. The relay answers on the ack
// topic with the highest seq it has durably applied (cumulative); only
// then does the uplink call Outbox.Ack, which moves the ledger's
// watermark. A broker PUBACK never deletes anything: it only feeds the
// relay_ack_overdue alarm when PUBACKed messages stay without a relay
// ack. Unacknowledged messages are sent again, in order, after every
// reconnect, on a resync command, as soon as the relay's retained state
// turns online (a relay that (re)started has not heard them), and when
// the relay's ack has not moved for Config.RetransmitAfter. The relay deduplicates by (epoch, seq), so
// the effect is exactly once and in order per gateway.
//
// # Connection
//
// Run owns the reconnect loop (full-jitter backoff, Config.BackoffMin to
// BackoffMax); a Dialer opens one clean MQTT session at a time with a
// retained death State as its will, and Run publishes the retained birth
// State after each connect. uplink/mqtt provides the Dialer over
// paho.mqtt.golang with its own auto-reconnect off.
//
// # Priority and pacing
//
// State and health go out before deltas. Deltas are strictly ordered, so
// live events cannot overtake the backlog; instead, messages that are
// part of a backlog (a full message with more events waiting) pass a
// token bucket (Config.ReplayRate) while the tail of the log goes out as
// soon as it is recorded. With Config.WaitForRelay, no deltas are sent
// until the relay's retained state says it is online.
//
// docs/protocol.md specifies the topics, messages and health schema.
package uplink
