// Package device holds the reading types shared by every input driver
// (LLRP RFID readers, barcode scanners) and the stages that consume them.
//
// # Layering
//
// Drivers live in subpackages (device/llrp, device/scanner, ...). They
// turn bytes from a transport they are handed into the values below and
// never import the ledger, the uplink or an MQTT library; cmd/edged wires
// them to the rest of the daemon.
package device
