package rfid

import (
	"bytes"
	"slices"
	"time"
)

// CycleReport is an ALE-style event cycle report for one zone: the
// distinct tags the zone read during the cycle (Current), those not read
// in the previous cycle (Additions) and those read in the previous cycle
// but not in this one (Deletions).
type CycleReport struct {
	Zone       string
	Role       Role
	Start, End time.Time
	Current    []CycleTag
	Additions  []CycleTag
	Deletions  []CycleTag
}

// CycleTag is a tag in a cycle report with its current location (which
// may lie outside the zone if another location reads it better).
type CycleTag struct {
	EPC      EPC
	Location string
}

// EndCycle closes the zone's current cycle at now, returns its report
// (tags in EPC order) and starts the next cycle. The first cycle's Start
// is the zero time. It walks the whole
// table, so call it per cycle (seconds), not per read. A tag evicted
// during the cycle is missing from it.
func (inv *Inventory) EndCycle(zone string, now time.Time) (CycleReport, error) {
	zi, err := inv.zoneIndex(zone)
	if err != nil {
		return CycleReport{}, err
	}
	z := &inv.zones[zi]
	rep := CycleReport{Zone: z.name, Role: z.role, End: now.UTC()}
	if z.cycleStart != 0 {
		rep.Start = nsTime(z.cycleStart)
	}
	z.cycleStart = now.UnixNano()
	bit := uint64(1) << zi
	for s := range inv.t.tags {
		t := &inv.t.tags[s]
		if t.state == stateFree {
			continue
		}
		cur, last := t.cur&bit != 0, t.last&bit != 0
		ct := CycleTag{EPC: inv.epcOf(int32(s)), Location: inv.locs[t.loc].name}
		rep.Current = appendIf(rep.Current, cur, ct)
		rep.Additions = appendIf(rep.Additions, cur && !last, ct)
		rep.Deletions = appendIf(rep.Deletions, last && !cur, ct)
		t.last = t.last&^bit | t.cur&bit
		t.cur &^= bit
	}
	for _, l := range [][]CycleTag{rep.Current, rep.Additions, rep.Deletions} {
		slices.SortFunc(l, func(a, b CycleTag) int { return bytes.Compare(a.EPC.Bytes(), b.EPC.Bytes()) })
	}
	return rep, nil
}

func appendIf(l []CycleTag, ok bool, ct CycleTag) []CycleTag {
	if ok {
		return append(l, ct)
	}
	return l
}
