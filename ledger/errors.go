package ledger

import (
	"errors"
	"fmt"
)

// Errors for which callers branch. Returned errors wrap these with the
// details (sku, location, quantities) an operator needs.
var (
	// ErrInvalidEvent: the event is malformed (missing field, bad quantity).
	ErrInvalidEvent = errors.New("invalid event")
	// ErrIDConflict: the id was already used for a different payload.
	ErrIDConflict = errors.New("event id already used with a different payload")
	// ErrNegativeStock: the movement would take on-hand below zero where
	// the location does not allow it.
	ErrNegativeStock = errors.New("insufficient stock")
	// ErrLocationFrozen: the location is frozen by an open count.
	ErrLocationFrozen = errors.New("location frozen by a count")
	// ErrSerialOnHand: the tagged item is already on hand; taking it in
	// again would count one physical item twice.
	ErrSerialOnHand = errors.New("tagged item already on hand")
	// ErrSerialNotHere: the tagged item is not where the event takes it from.
	ErrSerialNotHere = errors.New("tagged item not at that location")
	// ErrCount: a count session operation is not possible in its state.
	ErrCount = errors.New("count session")
	// ErrCountNeedsReview: a count line's variance is beyond its
	// tolerance and was neither confirmed by another counter nor
	// approved. It wraps ErrCount.
	ErrCountNeedsReview = fmt.Errorf("%w: variance beyond tolerance", ErrCount)
	// ErrNotLedger: the file is not an edged ledger (foreign or corrupt).
	ErrNotLedger = errors.New("not an edged ledger file")
	// ErrCorrupt: an integrity check failed.
	ErrCorrupt = errors.New("ledger integrity violation")
	// ErrLedgerFull: the file reached its configured maximum size.
	ErrLedgerFull = errors.New("ledger file full")
	// ErrClosed: the ledger was closed.
	ErrClosed = errors.New("ledger closed")
	// ErrBadAck: an acknowledgement names a sequence beyond the log.
	ErrBadAck = errors.New("acknowledgement beyond the last event")
)

// IsRejection reports whether err is a business rejection of one event
// (the event was not recorded and the ledger is fine), as opposed to a
// failure of the ledger itself.
func IsRejection(err error) bool {
	return errors.Is(err, ErrInvalidEvent) || errors.Is(err, ErrIDConflict) ||
		errors.Is(err, ErrNegativeStock) || errors.Is(err, ErrLocationFrozen) ||
		errors.Is(err, ErrCount) || errors.Is(err, ErrBadAck) ||
		errors.Is(err, ErrSerialOnHand) || errors.Is(err, ErrSerialNotHere)
}
