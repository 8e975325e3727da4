package workflow

import "errors"

// Sentinel errors. A rejected scan's Outcome.Err wraps one of them (or a
// ledger rejection such as ledger.ErrLocationFrozen) with the detail a
// worker's supervisor needs.
var (
	// ErrConfig: a Config field is invalid.
	ErrConfig = errors.New("workflow: invalid configuration")
	// ErrBadScan: the frame was cut (unplug, over-long) or its content
	// is malformed (check digit, impossible date, unknown AI).
	ErrBadScan = errors.New("workflow: bad scan")
	// ErrUnknownItem: the code is not in the catalog.
	ErrUnknownItem = errors.New("workflow: unknown item")
	// ErrWrongMode: the scan makes no sense in the station's mode.
	ErrWrongMode = errors.New("workflow: wrong mode")
	// ErrQuantity: a quantity is out of range or missing.
	ErrQuantity = errors.New("workflow: quantity")
	// ErrNoLocation: an item was scanned before a location.
	ErrNoLocation = errors.New("workflow: no location")
	// ErrNoUser: the station requires a badge scan first.
	ErrNoUser = errors.New("workflow: no user")
	// ErrNoCost: a receipt needs a unit cost and none is configured.
	ErrNoCost = errors.New("workflow: no unit cost")
	// ErrNothingToUndo: undo with no undoable event.
	ErrNothingToUndo = errors.New("workflow: nothing to undo")
	// ErrRecord: the ledger failed (not a rejection); the scan may be
	// retried with Station.Retry and keeps its event id.
	ErrRecord = errors.New("workflow: recording failed")
)
