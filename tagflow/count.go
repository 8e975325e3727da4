package tagflow

import (
	"context"
	"strconv"
	"sync/atomic"

	"github.com/edged/edged/device/rfid"
	"github.com/edged/edged/ledger"
)

// A count zone's difference with the ledger is a stock adjustment, so,
// like a scanned count beyond tolerance (exact, for tagged items), it is
// recounted before it posts: only a difference found the same way in
// Config.ConfirmCycles consecutive cycles of the zone is recorded. A tag
// missed once by a walk-by reader is not written off.

// finding is one difference between a cycle and the ledger.
type finding struct {
	key  string // zone, EPC and what was found
	post func(ctx context.Context) (*ledger.Event, error)
}

// Count compares a count zone's cycle report with the tags the ledger
// holds at the zone's locations. Confirmed differences are recorded: a
// tag held elsewhere is transferred here, a tag not held is adjusted in
// as found, a held tag not seen is adjusted out as missing. It returns
// the recorded events.
func (f *Flow) Count(ctx context.Context, rep rfid.CycleReport, locations []string) ([]ledger.Event, error) {
	found, err := f.findings(rep, locations)
	if err != nil {
		return nil, err
	}
	var out []ledger.Event
	for _, d := range f.confirm(rep.Zone, found) {
		e, err := d.post(ctx)
		if err != nil {
			return out, err
		}
		if e != nil {
			out = append(out, *e)
		}
	}
	return out, nil
}

// confirm keeps the zone's findings of this cycle and returns those seen
// in enough consecutive cycles; the others wait (counted as pending).
func (f *Flow) confirm(zone string, found []finding) []finding {
	f.mu.Lock()
	defer f.mu.Unlock()
	prev, next := f.pending[zone], map[string]int{}
	var due []finding
	for _, d := range found {
		n := prev[d.key] + 1
		if n >= f.cfg.ConfirmCycles {
			due = append(due, d)
			continue
		}
		next[d.key] = n
	}
	f.pending[zone] = next
	atomic.StoreUint64(&f.n.PendingRecount, uint64(len(next)))
	return due
}

func (f *Flow) findings(rep rfid.CycleReport, locations []string) ([]finding, error) {
	seen := map[string]bool{}
	var out []finding
	for _, t := range rep.Current {
		seen[t.EPC.String()] = true
		d, err := f.countSeen(rep, t)
		if err != nil {
			return nil, err
		}
		if d != nil {
			out = append(out, *d)
		}
	}
	for _, loc := range locations {
		held, err := f.rec.SerialsAt(loc)
		if err != nil {
			return nil, err
		}
		for _, s := range held {
			if !seen[s.EPC] && s.State == ledger.OnHand {
				out = append(out, f.countMissing(rep, s))
			}
		}
	}
	return out, nil
}

func (f *Flow) countSeen(rep rfid.CycleReport, t rfid.CycleTag) (*finding, error) {
	ev := rfid.Event{EPC: t.EPC, To: rfid.Place{Location: t.Location, Zone: rep.Zone, Role: rep.Role}, At: rep.End}
	s, found, err := f.rec.SerialOf(t.EPC.String())
	switch {
	case err != nil:
		return nil, err
	case found && s.Location == t.Location, found && s.State != ledger.OnHand: // damaged: a person decides
		return nil, nil
	case found:
		key := rep.Zone + "|" + s.EPC + "|moved|" + t.Location
		return &finding{key, func(ctx context.Context) (*ledger.Event, error) {
			return f.transfer(ctx, ev, s, t.Location, "count-"+rep.Zone)
		}}, nil
	}
	key := rep.Zone + "|" + t.EPC.String() + "|found|" + t.Location
	return &finding{key, func(ctx context.Context) (*ledger.Event, error) { return f.countFound(ctx, rep, ev) }}, nil
}

func (f *Flow) countFound(ctx context.Context, rep rfid.CycleReport, ev rfid.Event) (*ledger.Event, error) {
	sku, ok := f.sku(ev)
	if !ok {
		return nil, nil
	}
	e := f.event(ledger.Adjust, ev, "count-"+rep.Zone)
	e.SKU, e.Location, e.Reason = sku, ev.To.Location, "found by count zone "+rep.Zone
	if cost, ok := f.cat.UnitCost(sku); ok {
		if minor, err := ledger.ParseDecimal(cost); err == nil {
			e.UnitCost = ledger.Cost(minor)
		}
	}
	return f.record(ctx, e, &f.n.Found)
}

func (f *Flow) countMissing(rep rfid.CycleReport, s ledger.Serial) finding {
	return finding{rep.Zone + "|" + s.EPC + "|missing|" + s.Location, func(ctx context.Context) (*ledger.Event, error) {
		e := ledger.Event{ID: "rfid/" + s.EPC + "/count-" + rep.Zone + "/" + strconv.FormatInt(rep.End.UnixNano(), 10),
			Type: ledger.Adjust, Qty: -1, EPC: s.EPC, SKU: s.SKU, Location: s.Location, Time: rep.End,
			Device: f.cfg.Device, User: f.cfg.User, Reason: "missing at count zone " + rep.Zone + ", confirmed by a recount"}
		return f.record(ctx, e, &f.n.Missing)
	}}
}
