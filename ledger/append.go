package ledger

import (
	"context"
	"fmt"
	"time"
)

// Append records e and returns once it is durable. A duplicate (same id,
// same payload) returns the original sequence with Duplicate set.
// Rejections wrap ErrInvalidEvent, ErrIDConflict, ErrNegativeStock or
// ErrLocationFrozen and record nothing. If ctx ends before the outcome is
// known the event may still be recorded: retry with the same id.
func (l *Ledger) Append(ctx context.Context, e Event) (Result, error) {
	clientTime := l.stamp(&e)
	return l.write(ctx, &request{apply: func(t *wtx) (Result, error) {
		return t.appendEvent(&e, clientTime)
	}})
}

// stamp fills a missing time from the ledger clock and reports whether
// the client supplied one.
func (l *Ledger) stamp(e *Event) bool {
	if !e.Time.IsZero() {
		e.Time = e.Time.UTC()
		return true
	}
	e.Time, e.ClockSynced = l.opts.Now().UTC(), l.opts.ClockSynced()
	return false
}

var (
	minTime = time.Date(1970, 1, 2, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

func (t *wtx) appendEvent(e *Event, clientTime bool) (Result, error) {
	if err := e.Validate(); err != nil {
		return Result{}, err
	}
	if e.Time.Before(minTime) || e.Time.After(maxTime) {
		return Result{}, invalidf("time %s is outside 1970-2200; check the device clock", e.Time.Format(time.RFC3339))
	}
	hash := payloadHash(e, clientTime)
	if res, done, err := t.checkID(e.ID, hash); done {
		return res, err
	}
	if err := t.checkFrozen(e); err != nil {
		return Result{}, err
	}
	p, err := t.plan(e)
	if err != nil {
		return Result{}, err
	}
	return t.record(e, p, hash)
}

// checkID answers a retried id: done is true when the id is known.
func (t *wtx) checkID(id string, hash [16]byte) (Result, bool, error) {
	known, ok := t.lookupID(id)
	if !ok {
		return Result{}, false, nil
	}
	if known.hash != hash {
		return Result{Seq: known.seq}, true, fmt.Errorf("%w: id %q was recorded as seq %d with other content; give this event a new id", ErrIDConflict, id, known.seq)
	}
	return Result{Seq: known.seq, Duplicate: true}, true, nil
}

// record writes a planned event: log, id index, balances, layers, head.
func (t *wtx) record(e *Event, p *plan, hash [16]byte) (Result, error) {
	t.head++
	e.Seq = t.head
	p.fill(e)
	rec, h := encodeRecord(nil, t.hasher, e, t.headHash)
	if err := t.ev.Put(u64key(e.Seq), rec); err != nil {
		return Result{}, err
	}
	if err := t.indexID(e.ID, e.Seq, hash); err != nil {
		return Result{}, err
	}
	if err := t.applyPlan(e, p); err != nil {
		return Result{}, err
	}
	if err := t.markOutdated(e); err != nil {
		return Result{}, err
	}
	t.headHash, t.dirty = h, true
	return Result{Seq: e.Seq, Event: e}, nil
}

func (t *wtx) applyPlan(e *Event, p *plan) error {
	for _, pp := range p.postings {
		if err := t.putBalance(e.SKU, pp.loc, pp.after, pp.isNew); err != nil {
			return err
		}
	}
	if err := t.stock.Put(totalsKey(e.SKU), p.totals.encode()); err != nil {
		return err
	}
	if err := t.applyLayers(e.SKU, e.Seq, p.cost.ops); err != nil {
		return err
	}
	if e.EPC == "" {
		return nil
	}
	return moveSerial(t.serials, t.serialLoc, e.EPC, p.serial, p.present)
}

func (t *wtx) getBalance(sku, loc string) (balance, bool) {
	v := t.stock.Get(balKey(sku, loc))
	return decodeBalance(v), v != nil
}

func (t *wtx) putBalance(sku, loc string, b balance, isNew bool) error {
	if isNew {
		k := balKey(loc, sku) // location first: the per-location index
		if err := t.loc.Put(k, nil); err != nil {
			return err
		}
	}
	return t.stock.Put(balKey(sku, loc), b.encode())
}
