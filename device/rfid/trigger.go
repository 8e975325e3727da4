package rfid

import (
	"fmt"
	"time"
)

// SetTrigger opens or closes a gated zone's trigger window, typically
// from a GPI event (a dock door sensor). While closed, reads at the
// zone's locations are dropped and counted as GatedOut, so tags stacked
// behind a closed door are not received.
func (inv *Inventory) SetTrigger(zone string, open bool) error {
	zi, err := inv.zoneIndex(zone)
	if err != nil {
		return err
	}
	z := &inv.zones[zi]
	if !z.gated {
		return fmt.Errorf("%w: zone %q; set gpi_gated: true on it to drive it from a GPI", ErrNotGated, zone)
	}
	z.open = open
	return nil
}

// Seed restores a tag as present at a location without an event, as
// last read at lastSeen. cmd/edged calls it at start with the ledger's
// serialised on-hand so that tags still in place after a restart are not
// received twice. A tag already tracked is left alone.
func (inv *Inventory) Seed(epcBytes []byte, location string, lastSeen time.Time) error {
	if len(epcBytes) == 0 || len(epcBytes) > inv.cfg.MaxEPCBytes {
		return fmt.Errorf("%w: %d bytes", ErrEPCLength, len(epcBytes))
	}
	loc := -1
	for i := range inv.locs {
		if inv.locs[i].name == location {
			loc = i
		}
	}
	if loc < 0 {
		return fmt.Errorf("%w %q", ErrUnknownLocation, location)
	}
	now := lastSeen.UnixNano()
	s, fresh := inv.tagFor(epcBytes, now)
	if !fresh {
		return nil
	}
	t := &inv.t.tags[s]
	t.state, t.loc, t.lastRead = statePresent, uint16(loc), now
	inv.settle(s, uint16(loc), now)
	return nil
}
