// Package server assembles the relay from its parts and runs it: the
// stock engine over its store and mapping, one dispatcher and adapter
// per configured marketplace, their webhook endpoints, the MQTT intake
// of every gateway's deltas, periodic reconciliation, and the status
// page. cmd/relay reads the configuration, opens the listener, the
// broker connection's TLS files and the store path's directory, and
// hands them over; Run returns once everything has stopped.
package server
