// Package uplinktest provides an acking test relay: a real MQTT client
// that subscribes to every gateway's deltas, applies each batch at most
// once in seq order, and answers with the cumulative ack of the
// protocol, so uplink tests and benchmarks can check end-to-end that
// the relay's state equals the ledger. It also records gateway states
// and health snapshots.
package uplinktest
