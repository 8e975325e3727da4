package fleettest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/edged/edged/relay"
)

// settleTime is how long the fleet may take to settle once the chaos is
// over: gateways resend what a killed relay left unacknowledged after 2 s.
const settleTime = time.Minute

// converge waits until the fleet has settled, then fails t with whatever
// still differs from the expected end state: every delta acknowledged and
// applied once (the store's on hand equals the ledgers'), every sold
// unit reserved until picked, and every channel showing the master
// quantity, on hand − reservations − buffer.
func (f *fleetRig) converge(ctx context.Context, t *testing.T, sold, picked int64) {
	t.Helper()
	deadline := time.Now().Add(settleTime)
	for {
		problems := f.unsettled(ctx, t, sold, picked)
		if len(problems) == 0 {
			return
		}
		if time.Now().After(deadline) || sleep(ctx, 100*time.Millisecond) != nil {
			for _, p := range problems {
				t.Errorf("after %v: %s", settleTime, p)
			}
			return
		}
	}
}

// unsettled lists the differences from the expected end state.
func (f *fleetRig) unsettled(ctx context.Context, t *testing.T, sold, picked int64) []string {
	var out []string
	heads := map[string]uint64{}
	for _, g := range f.gws {
		s := g.status(t)
		heads[g.id] = s.Head
		if s.Acked != s.Head {
			out = append(out, fmt.Sprintf("%s: the relays acknowledged up to seq %d of %d", g.id, s.Acked, s.Head))
		}
	}
	want := map[string]struct{ onHand, reserved, shown int64 }{
		Flash: {saleUnits + restock - picked, sold - picked, max(0, saleUnits+restock-sold-buffer)},
	}
	steady := f.ledgerOnHand(t, Steady)
	want[Steady] = struct{ onHand, reserved, shown int64 }{steady, 0, max(0, steady-buffer)}
	for _, sku := range []string{Flash, Steady} {
		m, seqs, err := f.readMaster(ctx, sku)
		if err != nil {
			return append(out, err.Error())
		}
		w := want[sku]
		if l := f.ledgerOnHand(t, sku); m.onHand != w.onHand || l != w.onHand {
			out = append(out, fmt.Sprintf("%s: on hand %d in the store, %d in the ledgers, want %d", sku, m.onHand, l, w.onHand))
		}
		if m.reserved != w.reserved {
			out = append(out, fmt.Sprintf("%s: %d reserved in the store, want %d (%d sold, %d picked)", sku, m.reserved, w.reserved, sold, picked))
		}
		if m.pending {
			out = append(out, sku+": pushes still pending in the outbox")
		}
		for _, ch := range relay.Channels() {
			if m.told[ch] != w.shown || f.market.shown(ch, sku) != w.shown {
				out = append(out, fmt.Sprintf("%s on %s: store says %d, the channel shows %d, want %d", sku, ch, m.told[ch], f.market.shown(ch, sku), w.shown))
			}
		}
		for gw, head := range heads {
			if sku == Flash && seqs[gw] != head {
				out = append(out, fmt.Sprintf("%s: the store applied up to seq %d of %d", gw, seqs[gw], head))
			}
		}
	}
	return out
}

// ledgerOnHand is sku's on hand over the gateways' ledgers.
func (f *fleetRig) ledgerOnHand(t *testing.T, sku string) int64 {
	n := int64(0)
	for _, g := range f.gws {
		n += g.onHand(t, sku)
	}
	return n
}
