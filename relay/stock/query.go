package stock

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/edged/edged/relay"
)

// Quantity returns what t's channel should show now.
func (e *Engine) Quantity(t relay.Target) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.quantityLocked(t)
}

// Level is the master stock of a SKU at a site.
type Level struct {
	OnHand, Reserved int64
}

// Level returns the stock of sku at site.
func (e *Engine) Level(sku, site string) Level {
	e.mu.Lock()
	defer e.mu.Unlock()
	k := siteSKU{sku, site}
	return Level{OnHand: e.st.onHand[k], Reserved: e.st.reserved[k]}
}

// PushAll hands every mapped listing its current quantity: a full
// reconciliation, for start-up and periodic repair.
func (e *Engine) PushAll() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.pushAllLocked()
}

func (e *Engine) pushAllLocked() {
	now := time.Now()
	for _, sku := range e.opt.Mapping.SKUs() {
		for _, t := range e.opt.Mapping.Targets(sku) {
			out := e.opt.Out[t.Channel]
			if out == nil {
				continue
			}
			it := relay.Item{Target: t, Qty: e.quantityLocked(t), Changed: now}
			if row, ok := e.st.outbox[t.Key()]; ok && row.Qty == it.Qty {
				it.Gen = row.Gen // a confirmed reconcile also confirms the row
			}
			out.Enqueue(it)
		}
	}
}

// SetLock records a campaign lock that channel ch holds on sku; other
// channels' quantities shrink by it. n ≤ 0 removes the lock.
func (e *Engine) SetLock(ctx context.Context, ch relay.Channel, sku string, n int64) error {
	return e.update(ctx, func(tx *txn) error { tx.setLock(ch, sku, n); return nil })
}

// Lock is a campaign lock a channel holds on a SKU, for status.
type Lock struct {
	Channel relay.Channel `json:"channel"`
	SKU     string        `json:"sku"`
	Qty     int64         `json:"qty"`
}

// Locks returns the channels' campaign locks by channel and SKU.
func (e *Engine) Locks() []Lock {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Lock, 0, len(e.st.locks))
	for k, n := range e.st.locks {
		ch, sku, _ := strings.Cut(k, sep)
		out = append(out, Lock{Channel: relay.Channel(ch), SKU: sku, Qty: n})
	}
	slices.SortFunc(out, func(a, b Lock) int {
		return cmp.Or(cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.SKU, b.SKU))
	})
	return out
}

// Reservations returns the open reservations, oldest first.
func (e *Engine) Reservations() []Reservation {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Reservation, 0, len(e.st.res))
	for _, r := range e.st.res {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Reservation) int { return cmpUint(a.Seq, b.Seq) })
	return out
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Gateways returns the last applied seq of every gateway, for status.
func (e *Engine) Gateways() map[string]uint64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return maps.Clone(e.st.gw)
}
