// Package fleettest runs the relay fleet as operators would and breaks it:
// three `relay run` processes on one PostgreSQL store, a real mosquitto,
// the four marketplace simulators behind a round-robin webhook front, and
// real gateways (a ledger and its uplink) sending deltas.
//
// TestFleetChaos runs the flash sale (one SKU, 100 units, safety
// buffer 2, 2,000 orders over the four channels) while relays are
// SIGKILLed and restarted every few seconds, the push owner of a channel
// among them, and PostgreSQL is restarted once; then it checks that no
// unit was oversold, that every delta was applied exactly once and that
// every channel shows the master quantity, and logs the failover times.
// EDGED_CHAOS_SECONDS makes the sale window longer (make soak).
//
// BenchmarkFailover measures failover time: from the SIGKILL of a
// channel's owner until another instance owns the channel and has pushed
// a quantity to it.
//
// The package has tests only; the relay binary is built once per test
// binary from cmd/relay.
package fleettest
