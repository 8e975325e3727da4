package stock

import "sync/atomic"

// statCounters counts what the engine refused or ignored, for `relay status`.
type statCounters struct {
	// DuplicateDeltas are deltas whose seq was already applied.
	DuplicateDeltas atomic.Uint64
	// Gaps are batches refused with ErrSeqGap.
	Gaps atomic.Uint64
	// RejectedDeltas are malformed deltas kept in the rejected table.
	RejectedDeltas atomic.Uint64
	// UnknownSKUs are deltas for SKUs absent from the mapping (applied,
	// but pushed nowhere).
	UnknownSKUs atomic.Uint64
	// UnknownGateways are batches from gateways not in Config.Gateways.
	UnknownGateways atomic.Uint64
	// WrongSites are batches refused with ErrWrongSite.
	WrongSites atomic.Uint64
	// DuplicateEvents are order deliveries whose event id was seen.
	DuplicateEvents atomic.Uint64
	// UnknownLines are order lines that match no mapped listing.
	UnknownLines atomic.Uint64
	// FetchFailures are failed order lookups (retried).
	FetchFailures atomic.Uint64
	// OrderEdits are newer revisions of open orders that moved
	// reservations.
	OrderEdits atomic.Uint64
}

// Counters is a snapshot of what the engine refused or ignored.
type Counters struct {
	DuplicateDeltas, Gaps, RejectedDeltas, UnknownSKUs, UnknownGateways uint64
	DuplicateEvents, UnknownLines, FetchFailures, OrderEdits            uint64
	WrongSites                                                          uint64
}

// Counters returns a snapshot of the engine's counters.
func (e *Engine) Counters() Counters {
	s := &e.stats
	return Counters{
		DuplicateDeltas: s.DuplicateDeltas.Load(), Gaps: s.Gaps.Load(), RejectedDeltas: s.RejectedDeltas.Load(),
		UnknownSKUs: s.UnknownSKUs.Load(), UnknownGateways: s.UnknownGateways.Load(),
		DuplicateEvents: s.DuplicateEvents.Load(), UnknownLines: s.UnknownLines.Load(),
		FetchFailures: s.FetchFailures.Load(), OrderEdits: s.OrderEdits.Load(),
		WrongSites: s.WrongSites.Load(),
	}
}
