package workflow

import (
	"context"
	"fmt"

	"github.com/edged/edged/ledger"
)

// post records e. A ledger rejection rejects the scan; a ledger failure
// keeps e for Retry (same id, so a post that did land is a duplicate).
func (s *Station) post(ctx context.Context, o *Outcome, e ledger.Event, undoable bool) {
	o.Event = &e
	res, err := s.rec.Append(ctx, e)
	switch {
	case err != nil && ledger.IsRejection(err):
		s.retry = nil // refused for good: a rescan builds a new event
		s.reject(o, err)
		return
	case err != nil:
		s.retry = &e
		s.reject(o, fmt.Errorf("%w: %w; scan again or wait for the ledger", ErrRecord, err))
		return
	}
	s.retry = nil
	o.Seq, o.Status = res.Seq, StatusPosted
	if res.Duplicate {
		o.Status = StatusDuplicate
	}
	if undoable {
		s.st.undo = &e
	}
}

// Retry posts again the event whose recording failed (ErrRecord), with
// the same id, so an event that did land is a duplicate. It reports
// false when there is nothing to retry. Scanning the same barcode again
// right after the failure does the same.
func (s *Station) Retry(ctx context.Context) (Outcome, bool) {
	if s.retry == nil {
		return Outcome{}, false
	}
	o := Outcome{Station: s.name, Token: Token{Kind: KindItem}}
	s.repost(ctx, &o)
	return s.finish(&o), true
}

// repost posts the failed event again and clears the pending quantity
// once it is recorded.
func (s *Station) repost(ctx context.Context, o *Outcome) {
	s.post(ctx, o, *s.retry, true)
	if o.Status != StatusRejected {
		s.st.qty, s.st.qtySet, s.st.damaged = 0, false, false
	}
}

// undo posts the compensating event of the last posted one.
func (s *Station) undo(ctx context.Context, o *Outcome) {
	last := s.st.undo
	if last == nil {
		s.reject(o, fmt.Errorf("%w: no movement since the last undo, reset or idle reset", ErrNothingToUndo))
		return
	}
	e, err := compensate(*last)
	if err != nil {
		s.reject(o, err)
		return
	}
	s.post(ctx, o, e, false)
	if o.Status != StatusRejected {
		s.st.undo = nil
	}
}

// compensate returns the event that cancels e. Nothing is deleted: the
// ledger keeps both.
func compensate(e ledger.Event) (ledger.Event, error) {
	c := ledger.Event{ID: e.ID + ":undo", SKU: e.SKU, Location: e.Location, Qty: e.Qty,
		User: e.User, Device: e.Device, Reason: "undo of " + e.ID}
	switch e.Type {
	case ledger.Receive, ledger.Return:
		c.Type, c.Qty, c.Damaged = ledger.Adjust, -e.Qty, e.Damaged
	case ledger.Sale:
		c.Type = ledger.Adjust
	case ledger.Transfer:
		c.Type, c.Location, c.ToLocation, c.Reason = ledger.Transfer, e.ToLocation, e.Location, ""
	default:
		return c, fmt.Errorf("%w: a %s cannot be undone; count the location again", ErrNothingToUndo, e.Type)
	}
	return c, nil
}
