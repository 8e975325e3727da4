// Package gateway assembles the edged daemon from its parts and keeps it
// running: RFID readers feed the presence inventory, whose events become
// ledger movements; the ledger is pruned on schedule; health is served
// on a local HTTP listener; systemd is told when the daemon is ready and
// that its supervision loop is alive.
//
// # Ownership
//
// cmd/edged reads the configuration, opens the ledger and the listener,
// and hands them over in Parts; the gateway never opens a file or dials
// by itself (readers are dialled through Parts.Dial). Run starts every
// goroutine and returns after all of them have stopped.
//
// # Pipeline and backpressure
//
// Each reader's client delivers reads from its own goroutine; the
// inventory (one per gateway) is guarded by a mutex and costs about
// 100 ns a read. Presence events go through a bounded queue to the one
// goroutine that records movements in the ledger; when the ledger falls
// behind, the queue fills, the reader clients' own bounded queues absorb
// the rest and count what they drop. Queue depth and drops are in the
// health snapshot and /metrics.
//
// # Reload
//
// Reload applies a new configuration: a reader whose section changed is
// restarted, the others keep reading; a changed inventory section
// rebuilds the inventory, seeded from the ledger's serialised stock so
// that no tag is received twice.
package gateway
