// Package pgstore is the relay's stock.Store on PostgreSQL, for a fleet
// of relay instances sharing one master stock.
//
// # Design
//
// Every write is one transaction that first locks relay_meta's single
// row, so writes are serialised by the database, not by any relay. The
// locked row's version says which commits the writer's copy lacks; they
// are read from relay_changes and applied before the engine decides, so
// each decision is made on committed state. The commit writes the
// records, the change and the new version together, and NOTIFY
// relay_changes tells the other instances, which read the change (Follow)
// instead of every row. Guarded writes (a new delivery id, a new order, a
// gateway's next seq) are conditional in SQL, so a delivery that two
// relays take at the same moment is applied once even if a copy were
// wrong.
//
// One write lock bounds the write rate (measured in docs/benchmarks.md);
// the engine's group commit carries many changes per turn of it.
//
// # Leases
//
// relay_leases gives each channel one pusher: a lease row with an expiry
// kept by the database's clock and an epoch that grows with each new
// owner (Acquire, Check, Release). relay_instances lists the running
// relays with their heartbeat.
//
// # Schema
//
// Migrations are SQL files embedded in the binary, applied in order by
// Migrate under an advisory lock, so that instances starting together
// do not race; relay_schema records what was applied.
package pgstore
