// Package tagflow turns RFID presence events (package device/rfid) into
// stock movements in the ledger, by the role of the zone where they
// happen:
//
//   - a tag arriving at a receive portal is received there, at the
//     catalog's standard unit cost (a tag moving onto it is received if
//     the ledger does not hold it, and transferred there if it does);
//   - a tag arriving at (or moving into) a ship portal is sold from where
//     the ledger holds it, with the order reference the floor workflow set
//     for that portal, if any;
//   - a tag moving into a storage zone, or found in one away from where
//     the ledger holds it, is transferred there;
//   - a count zone's cycle report is compared with the tags the ledger
//     holds at each of its locations: a tag held elsewhere is transferred,
//     a tag not held at all is adjusted in as found, and a tag held but
//     not seen is adjusted out as missing, each only once the next
//     cycle finds the same difference (the recount).
//
// Departures are presence only. Every movement names the EPC, so the
// ledger refuses to take a tag in twice: an arrival seen again after a
// restart (a new event id, the same tag) is counted as already held, not
// received twice.
package tagflow
