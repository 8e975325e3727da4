package stock

import (
	"context"
	"strings"
	"time"

	"github.com/edged/edged/relay"
)

// pushRow is a listing's entry in the outbox: the quantity the channel
// should show, and what it was last told. The row is written in the same
// commit as the change that moved the quantity, so a pending push
// survives a crash, and with several relays the channel's next owner
// finds it.
type pushRow struct {
	Target relay.Target `json:"target"`
	Qty    int64        `json:"qty"`
	// Gen counts the changes of Qty.
	Gen uint64 `json:"gen"`
	// Changed is when Qty last changed (unix ns), for push lag.
	Changed int64 `json:"changed"`
	// Told is the last quantity the channel confirmed, of generation
	// ToldGen, pushed by the owner of Epoch; Told is -1 before any.
	Told    int64  `json:"told"`
	ToldGen uint64 `json:"told_gen"`
	ToldAt  int64  `json:"told_at,omitempty"`
	Epoch   uint64 `json:"epoch,omitempty"`
}

func (r pushRow) pending() bool { return r.Gen > r.ToldGen }

func (r pushRow) item() relay.Item {
	return relay.Item{Target: r.Target, Qty: r.Qty, Changed: time.Unix(0, r.Changed), Gen: r.Gen}
}

// stageOutbox writes a new generation for every listing of the touched
// SKUs whose quantity moved.
func (e *Engine) stageOutbox(tx *txn, now time.Time) {
	for sku := range tx.skus {
		for _, t := range e.opt.Mapping.Targets(sku) {
			if e.opt.Out[t.Channel] == nil {
				continue
			}
			q := e.quantityLocked(t)
			row, ok := tx.st.outbox[t.Key()]
			if ok && row.Qty == q && row.Target == t {
				continue
			}
			if !ok {
				row.Told = -1
			}
			row.Target, row.Qty, row.Changed = t, q, now.UnixNano()
			row.Gen++
			put(tx, tx.st.outbox, t.Key(), row, TableOutbox, t.Key())
		}
	}
}

// Confirm records that the channel took items (pushed by the owner of
// epoch): their generations are told, and a relay that takes the channel
// over later does not push them again.
func (e *Engine) Confirm(ctx context.Context, items []relay.Item, epoch uint64) error {
	return e.update(ctx, func(tx *txn) error {
		now := time.Now().UnixNano()
		for _, it := range items {
			row, ok := tx.st.outbox[it.Target.Key()]
			if !ok || it.Gen == 0 || it.Gen <= row.ToldGen || it.Gen > row.Gen {
				continue // a repeat (reconcile, takeover) of what the channel was told: no news for the trail
			}
			tx.audit(pushAuditRow(it, "ok"))
			row.Told, row.ToldGen, row.ToldAt, row.Epoch = it.Qty, it.Gen, now, epoch
			put(tx, tx.st.outbox, it.Target.Key(), row, TableOutbox, it.Target.Key())
		}
		return nil
	})
}

// Told is a listing's outbox entry, for status pages.
type Told struct {
	Target relay.Target `json:"target"`
	// Qty is what the channel should show; Told what it last confirmed
	// (-1: nothing yet), by the owner of Epoch at At.
	Qty     int64     `json:"qty"`
	Told    int64     `json:"told"`
	Pending bool      `json:"pending"`
	At      time.Time `json:"at,omitzero"`
	Epoch   uint64    `json:"epoch,omitempty"`
}

// Outbox returns every listing's entry, for status.
func (e *Engine) Outbox() []Told {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Told, 0, len(e.st.outbox))
	for _, r := range e.st.outbox {
		t := Told{Target: r.Target, Qty: r.Qty, Told: r.Told, Pending: r.pending(), Epoch: r.Epoch}
		if r.ToldAt > 0 {
			t.At = time.Unix(0, r.ToldAt)
		}
		out = append(out, t)
	}
	return out
}

// channelOf is the channel a channel␟... key starts with.
func channelOf(key string) relay.Channel {
	ch, _, _ := strings.Cut(key, sep)
	return relay.Channel(ch)
}

// Settle enqueues again every listing of ch confirmed since the given time
// or still pending: a new owner that took the channel before its lease ran
// out does so once the old owner's last push must have ended, so that
// nothing the old owner had in flight stays on the channel.
func (e *Engine) Settle(ch relay.Channel, since time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := e.opt.Out[ch]
	if out == nil {
		return
	}
	for _, row := range e.st.outbox {
		if row.Target.Channel == ch && (row.pending() || row.ToldAt >= since.UnixNano()) {
			out.Enqueue(row.item())
		}
	}
}
