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
// # Broker connection
//
// Connect returns at once; the Client connects in the background and
// again after every loss, with backoff and jitter, until Close, and
// reports its state (BrokerState) for the status page. While the broker
// is down, Publish fails at once. After each connect the Client
// subscribes to the deltas, checking the SUBACK and retrying until the
// broker grants it, and only then announces the relay online on the
// retained relay state topic (offline is its will and is published at
// Close): gateways resend what is unacknowledged when a relay comes
// online, so the announcement must follow the subscription. A relay that
// sees another instance's offline state announces itself online again.
//
// Subscribing through an MQTT
// shared subscription ($share/<group>/...) lets several relay instances on
// one PostgreSQL store split the messages; the store orders them (a batch
// that arrives before its predecessor is staged there).
package intake
