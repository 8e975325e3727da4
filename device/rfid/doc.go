// Package rfid turns raw RFID tag reads into presence events: a tag
// Arrived at a location, Moved between locations, Departed, or AgedOut.
// A pallet read thousands of times at a dock door is one Arrived.
//
// # Model
//
// A Location is a name for one or more (reader, antenna) pairs; antennas
// sharing a location (a dual-polarity portal) never cause a Moved. Locations
// belong to Zones, and a zone's Role says what presence there means:
// receive portal, ship portal, storage or count. A zone may be GPI gated:
// its reads only count while SetTrigger(zone, true) holds its window open
// (a dock door sensor).
//
// Each EPC is unknown, present at a location, or departed. A read of an
// unknown or departed tag is an Arrived. A read of a present tag at another
// location is a Moved once that location has MinReads reads and its mean
// RSSI over the last Window reads beats the current location's by a margin:
// the full MarginDB while the current location read the tag within
// Holdoff, then decaying by DecayDBPerSecond (EdgeX's mobility profile:
// 20 reads, +6 dB for 0.5 s, -8 dB/s). Tick departs tags unread for their
// zone's threshold and ages out tags departed for AgeOut.
//
// # Gen2 sessions
//
// Config.Validate refuses departure thresholds the reader session cannot
// support (see llrp.md §6.1): S0 needs >= 2 s, S1 >= 10 s (flags persist up
// to 5 s), and S2/S3 keep tags silent while energised, so departures are
// refused unless the readers run dual target or reset flags (DualTarget);
// a negative threshold disables departures.
//
// # Cost and bounds
//
// Observe does O(1) work and no allocation: a preallocated open-addressing
// table keyed by EPC bytes (MaxTags, MaxEPCBytes), RSSI windows for the
// current and two candidate locations per tag, and per-zone timing wheels
// (32 slots per departure threshold) so that a read relinks its tag at
// most once per slot and Tick only visits slots past the threshold;
// departures are reported at most threshold/32 plus one check interval
// late. Memory is fixed at New: about 275 bytes per tag with the defaults
// (128 for the tag, 120 for its RSSI windows, the rest for the index and
// EPCs longer than 16 bytes), so 2.7 MB for 10,000 tags. The table never
// grows: a new tag in a full table evicts the longest departed tag, or
// else the least recently read one, and Counters counts it. Bad input
// (unknown antennas, gated-out reads, EPCs of bad length, malformed or
// unknown EPC schemes, time going backwards, missing timestamps) is
// counted, never fatal.
//
// # Use
//
// One goroutine owns an Inventory. cmd/edged builds it with New from the
// YAML config, optionally Seeds it with the ledger's serialised on-hand
// (so a restart does not receive everything twice), feeds it every
// device.TagRead from the LLRP driver, calls Tick every CheckInterval and,
// for ALE-style reporting or count zones, EndCycle per zone. Mapping events
// to ledger movements is the caller's, and is meant to be a switch on the
// event and the roles:
//
//   - Arrived with To.Role ReceivePortal: receive the item at To.Location.
//   - Arrived or Moved with To.Role ShipPortal: ship or sell it.
//   - Moved between storage zones (From.Zone != To.Zone, both Storage):
//     transfer; Moved from a receive portal into storage: put-away.
//   - Count zones: compare EndCycle's Current with the ledger's serialised
//     on-hand at each location and record the count.
//   - Departed and AgedOut: presence only; they are not stock movements.
//
// Event.EPC.Identity decodes the EPC (package epc); the catalog maps its
// GTIN or URI to a SKU. The ledger keeps EPCs on hand, so an Arrived for
// an EPC it already holds at that location (after an eviction or a restart
// without Seed) is not a second receipt.
package rfid
