// Package floor runs the scanning floor: one supervised scanner and one
// workflow.Station per configured scanner, plus discovery so that a
// scanner plugged in (netlink uevent or periodic rescan) is reopened at
// once instead of after its backoff. cmd/edged builds a Floor from the
// `scanners:` and `workflow:` sections of the YAML file and runs it.
//
// Frames go from the scanner's read loop to its station through a small
// channel, so a slow ledger commit never stalls reading (the tty buffer
// holds what arrives meanwhile), and feedback goes back through the
// supervisor to whatever port is open at that time.
package floor
