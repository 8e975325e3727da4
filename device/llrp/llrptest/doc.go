// Package llrptest is a fake LLRP reader for tests and demos. It speaks
// the standard over a real net.Listener: one client at a time (a second
// one is told the reader is busy and closed), version negotiation
// (including a 1.0.1-only and a silent mode), the ROSpec state machine,
// AccessSpec reads of TID and user memory, keepalives, GPO writes and a
// tag population with configurable rate, antennas, RSSI and movement.
//
// Faults are injected on demand with [Reader.Inject]: close mid-frame,
// half-open link, slow writes, split writes, garbage, reboot.
package llrptest
