// Package countplan is the cycle counting programme: it classifies SKUs
// ABC by sales velocity (package report), decides which SKU-locations
// to count each working day so that the load is spread evenly, publishes
// the daily list and opens the count sessions.
//
// # Spreading the load
//
// A class counted f times a year has a cycle of P = round(working days
// per year ÷ f) working days (weekly: 5, monthly: 21, quarterly: 63 for
// a Monday-to-Friday week). The SKU-locations of a class are put in a
// stable order (a hash of sku and location, so the order does not follow
// the alphabet of one aisle) and the i-th is counted on the working days
// whose index is ≡ i (mod P). Every working day therefore gets ⌊N/P⌋ or
// ⌈N/P⌉ of each class, and each SKU-location is counted exactly once per
// cycle while the set of SKU-locations stays the same. A new
// SKU-location shifts the later ones by one place in their cycle.
//
// # Counting
//
// Counts are blind by default: the plan carries no book quantity, and a
// line's tolerance (A ±1 %, B ±3 %, C ±5 %, serialized items exact)
// tells the supervisor which variances need a recount or approval.
// Sessions turns a plan into one live count session per location, which
// the scanner workflows or an RFID count zone then fill.
package countplan
