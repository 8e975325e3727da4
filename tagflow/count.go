package tagflow

import (
	"context"
	"strconv"

	"github.com/edged/edged/device/rfid"
	"github.com/edged/edged/ledger"
)

// Count compares a count zone's cycle report with the tags the ledger
// holds at the zone's locations and records the differences: tags held
// elsewhere are transferred here, tags not held are adjusted in as
// found, held tags not seen are adjusted out as missing. It returns the
// recorded events.
func (f *Flow) Count(ctx context.Context, rep rfid.CycleReport, locations []string) ([]ledger.Event, error) {
	seen := map[string]rfid.CycleTag{}
	for _, t := range rep.Current {
		seen[t.EPC.String()] = t
	}
	var out []ledger.Event
	add := func(e *ledger.Event, err error) error {
		if e != nil {
			out = append(out, *e)
		}
		return err
	}
	for _, t := range rep.Current {
		if err := add(f.countSeen(ctx, rep, t)); err != nil {
			return out, err
		}
	}
	for _, loc := range locations {
		held, err := f.rec.SerialsAt(loc)
		if err != nil {
			return out, err
		}
		for _, s := range held {
			if _, ok := seen[s.EPC]; !ok && s.State == ledger.OnHand {
				if err := add(f.countMissing(ctx, rep, s)); err != nil {
					return out, err
				}
			}
		}
	}
	return out, nil
}

func (f *Flow) countSeen(ctx context.Context, rep rfid.CycleReport, t rfid.CycleTag) (*ledger.Event, error) {
	ev := rfid.Event{EPC: t.EPC, To: rfid.Place{Location: t.Location, Zone: rep.Zone, Role: rep.Role}, At: rep.End}
	s, found, err := f.rec.SerialOf(t.EPC.String())
	switch {
	case err != nil:
		return nil, err
	case found && s.Location == t.Location:
		return nil, nil
	case found && s.State == ledger.OnHand:
		return f.transfer(ctx, ev, s, t.Location, "count-"+rep.Zone)
	case found:
		return nil, nil // held as damaged: a person decides
	}
	sku, ok := f.sku(ev)
	if !ok {
		return nil, nil
	}
	e := f.event(ledger.Adjust, ev, "count-"+rep.Zone)
	e.SKU, e.Location, e.Reason = sku, t.Location, "found by count zone "+rep.Zone
	if cost, ok := f.cat.UnitCost(sku); ok {
		if minor, err := ledger.ParseDecimal(cost); err == nil {
			e.UnitCost = ledger.Cost(minor)
		}
	}
	return f.record(ctx, e, &f.n.Found)
}

func (f *Flow) countMissing(ctx context.Context, rep rfid.CycleReport, s ledger.Serial) (*ledger.Event, error) {
	e := ledger.Event{ID: "rfid/" + s.EPC + "/count-" + rep.Zone + "/" + strconv.FormatInt(rep.End.UnixNano(), 10),
		Type: ledger.Adjust, Qty: -1, EPC: s.EPC, SKU: s.SKU, Location: s.Location, Time: rep.End,
		Device: f.cfg.Device, User: f.cfg.User, Reason: "missing at count zone " + rep.Zone}
	return f.record(ctx, e, &f.n.Missing)
}
