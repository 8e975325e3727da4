package stock

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// ApplyDelta applies one delta; see ApplyBatch.
func (e *Engine) ApplyDelta(ctx context.Context, gateway string, seq uint64, d Delta) error {
	_, err := e.ApplyBatch(ctx, gateway, []Sequenced{{Seq: seq, Delta: d}})
	return err
}

// ApplyBatch applies a gateway's deltas in seq order in one durable commit
// and returns the gateway's last applied seq, which the intake may
// acknowledge cumulatively. Seqs already applied are skipped. The first
// batch from a gateway may start at any seq; after that a seq beyond
// last+1 stops the batch with ErrSeqGap (deltas before it are applied).
// Malformed deltas are kept in the rejected table and count as applied.
func (e *Engine) ApplyBatch(ctx context.Context, gateway string, batch []Sequenced) (uint64, error) {
	if err := e.admit(gateway, batch); err != nil {
		return 0, err
	}
	var last uint64
	err := e.update(ctx, func(tx *txn) error {
		var err error
		last, err = e.applyLocked(tx, gateway, batch)
		return err
	})
	return last, err
}

func (e *Engine) applyLocked(tx *txn, gateway string, batch []Sequenced) (uint64, error) {
	last, err := e.applyRun(tx, gateway, batch)
	if err != nil {
		return last, err
	}
	return e.applyStaged(tx, gateway, last), nil
}

// applyRun applies batch after the gateway's last seq; at a gap it
// stages the rest (see staged.go) and stops with ErrSeqGap.
func (e *Engine) applyRun(tx *txn, gateway string, batch []Sequenced) (uint64, error) {
	last, known := tx.st.gw[gateway]
	if !known && len(batch) > 0 && batch[0].Seq > 1 && !e.firstAgain(tx, gateway, batch) {
		e.stats.Gaps.Add(1)
		return 0, fmt.Errorf("%w: first batch of gateway %q starts at seq %d; waiting for seq 1", ErrSeqGap, gateway, batch[0].Seq)
	}
	for i, s := range batch {
		switch {
		case known && s.Seq <= last:
			e.stats.DuplicateDeltas.Add(1)
			continue
		case known && s.Seq > last+1:
			e.stats.Gaps.Add(1)
			e.stage(tx, gateway, batch[i:])
			return last, fmt.Errorf("%w: gateway %q sent seq %d after %d; resend from %d", ErrSeqGap, gateway, s.Seq, last, last+1)
		}
		e.applyOne(tx, gateway, s)
		last, known = s.Seq, true
		tx.setGateway(gateway, last)
	}
	return last, nil
}

func (e *Engine) applyOne(tx *txn, gateway string, s Sequenced) {
	d := s.Delta
	if err := d.Validate(); err != nil {
		e.stats.RejectedDeltas.Add(1)
		e.log.Warn("delta rejected", "gateway", gateway, "seq", s.Seq, "err", err)
		tx.reject(joinKey(gateway, strconv.FormatUint(s.Seq, 10)), map[string]any{"delta": d, "reason": err.Error()})
		row := deltaRow(gateway, s, 0, nil)
		row.Result = err.Error()
		tx.audit(row)
		return
	}
	if len(e.opt.Mapping.Targets(d.SKU)) == 0 {
		e.stats.UnknownSKUs.Add(1)
		e.warnUnmapped(gateway, d.SKU)
	}
	k := siteSKU{d.SKU, d.Site}
	before := tx.st.onHand[k]
	defer func() { tx.audit(deltaRow(gateway, s, tx.st.onHand[k]-before, ptr(tx.st.onHand[k]))) }()
	if d.Kind == Count {
		tx.setOnHand(k, d.Qty)
		return
	}
	tx.setOnHand(k, tx.st.onHand[k]+d.Qty)
	if d.releases() {
		e.release(tx, d)
	}
}

// release consumes reservations for a pick or sale of -d.Qty units: the
// named order's first, else the SKU's oldest at the site, then anywhere.
func (e *Engine) release(tx *txn, d Delta) {
	left := -d.Qty
	for left > 0 {
		r, ok := e.pickReservation(tx.st, d)
		if !ok {
			e.pickedEarly(tx, d.OrderRef, left)
			return
		}
		n := min(left, r.Qty)
		r.Qty -= n
		left -= n
		tx.setReservation(r)
	}
}

func (e *Engine) pickReservation(st *state, d Delta) (Reservation, bool) {
	var best Reservation
	found := false
	for _, r := range st.res {
		if r.SKU != d.SKU || (d.OrderRef != "" && !refMatches(d.OrderRef, r)) {
			continue
		}
		better := !found || (r.Site == d.Site) != (best.Site == d.Site) && r.Site == d.Site ||
			(r.Site == d.Site) == (best.Site == d.Site) && r.Seq < best.Seq
		if better {
			best, found = r, true
		}
	}
	return best, found
}

func refMatches(ref string, r Reservation) bool {
	if ref == r.OrderID {
		return true
	}
	ch, id, ok := strings.Cut(ref, ":")
	return ok && ch == string(r.Channel) && id == r.OrderID
}
