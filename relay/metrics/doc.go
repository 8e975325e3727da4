// Package metrics exposes the relay's state to Prometheus: a
// [prometheus.Collector] ([Collector]) that reads the same snapshots as
// the status page at every scrape, node_exporter style, and [Handler],
// which serves it with the Go runtime's and the process's metrics from a
// registry of its own (never the global one).
//
// # Metrics
//
// Every name starts with edged_relay_. The groups:
//
//   - stock_: the engine's counters of duplicate, refused and ignored
//     input, order fetches waiting, campaign locks.
//   - store_: the store's health probe, its version and the duration of
//     every store transaction (a histogram).
//   - push_: per channel, items pushed, failed and retried, items
//     pending, the last successful push, push lag, permanent errors.
//   - webhook_: per channel and outcome, the webhook deliveries.
//   - token_, connection_: per channel, the stored authorisation's
//     expiries and whether it needs `relay connect`.
//   - gateway_, intake_: per gateway, the applied seq and open gaps; the
//     MQTT intake's batch counters.
//   - mqtt_, fleet_, mapping_: the broker session, the instances sharing
//     the store and their leases, the last mapping drift check.
//
// docs/relay.md lists each metric with its labels and meaning. A part the
// Source lacks, or one not running yet (the broker session before Run),
// exports nothing rather than zeros, except where a zero is the truth.
//
// The label fleet_instance names a relay of the fleet: a label named
// instance would clash with the target label Prometheus adds to every
// series it scrapes.
package metrics
