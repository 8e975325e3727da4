package rfid

import (
	"bytes"
	"slices"
	"time"
)

// Tick reports departures and age-outs due at now, appending them to dst
// (oldest first) and returning it; with enough capacity in dst it does
// not allocate. Its cost is proportional to the tags whose bucket it
// sweeps, not to the table.
func (inv *Inventory) Tick(now time.Time, dst []Event) []Event {
	n := now.UnixNano()
	if n < inv.tick {
		inv.c.TimeBackwards++
		return dst
	}
	// Departures follow the Tick's clock, not the reads': one read stamped
	// in the future must not depart every other tag.
	inv.tick = n
	inv.clock = max(inv.clock, n)
	from := len(dst)
	for zi := range inv.zones {
		dst = inv.departZone(zi, n, dst)
	}
	// Buckets keep link order, not read order: sort for a stable report.
	slices.SortFunc(dst[from:], byLastSeen)
	dl := inv.departedList()
	for s := inv.t.lists[dl].tail; s >= 0 && inv.t.tags[s].linkedAt < n-inv.ageOut; s = inv.t.lists[dl].tail {
		t := &inv.t.tags[s]
		dst = append(dst, Event{Kind: AgedOut, EPC: inv.epcOf(s), From: inv.place(t.loc),
			At: nsTime(n), LastSeen: nsTime(t.lastRead)})
		inv.c.AgedOut++
		inv.t.remove(s)
	}
	return dst
}

// departZone sweeps the zone's buckets whose slot lies wholly before the
// departure cut (at most one lap of the wheel).
func (inv *Inventory) departZone(zi int, n int64, dst []Event) []Event {
	z := &inv.zones[zi]
	if z.depart <= 0 {
		return dst
	}
	cut := n - z.depart
	end := floorDiv(cut, z.wheel.gran)
	for k := max(z.wheel.next, end-int64(z.wheel.buckets)); k < end; k++ {
		dst = inv.sweep(zi, z.wheel.bucket(k*z.wheel.gran), cut, n, dst)
	}
	z.wheel.next = max(z.wheel.next, end)
	return dst
}

// sweep departs the bucket's tags unread since cut and moves the others,
// read since they were linked, to the bucket of their last read.
func (inv *Inventory) sweep(zi int, b int16, cut, n int64, dst []Event) []Event {
	w := &inv.zones[zi].wheel
	for s := inv.t.lists[b].tail; s >= 0; {
		t := &inv.t.tags[s]
		prev := t.prev
		switch {
		case t.lastRead < cut:
			dst = inv.depart(s, n, dst)
		case w.bucket(t.lastRead) != b:
			inv.t.relink(s, w.bucket(t.lastRead))
			t.linkedAt = t.lastRead
		}
		s = prev
	}
	return dst
}

func (inv *Inventory) depart(s int32, n int64, dst []Event) []Event {
	t := &inv.t.tags[s]
	t.state, t.linkedAt = stateDeparted, n
	// A re-arrival starts from fresh statistics, as in EdgeX.
	t.statLoc, t.stats = [statSlots]uint16{}, [statSlots]stat{}
	inv.t.relink(s, inv.departedList())
	inv.c.Departed++
	return append(dst, Event{Kind: Departed, EPC: inv.epcOf(s), From: inv.place(t.loc),
		At: nsTime(n), LastSeen: nsTime(t.lastRead)})
}

// evict frees one slot: the longest departed tag if any, else the least
// recently read present tag of any zone (to a bucket's precision).
// Evicting a present tag loses its presence (a later read is a new
// Arrived), so it is counted apart.
func (inv *Inventory) evict() {
	victim := inv.t.lists[inv.departedList()].tail
	if victim < 0 {
		for zi := range inv.zones {
			s := inv.oldest(&inv.zones[zi].wheel, inv.clock)
			if s >= 0 && (victim < 0 || inv.t.tags[s].lastRead < inv.t.tags[victim].lastRead) {
				victim = s
			}
		}
		inv.c.EvictedPresent++
		if inv.c.EvictedPresent == 1 {
			inv.log.Warn("rfid: tag table full, evicting present tags; raise max_tags if this is not a flood of stray reads",
				"max_tags", len(inv.t.tags))
		}
	}
	inv.c.Evicted++
	inv.t.remove(victim)
}

func byLastSeen(a, b Event) int {
	if c := a.LastSeen.Compare(b.LastSeen); c != 0 {
		return c
	}
	return bytes.Compare(a.EPC.b[:a.EPC.n], b.EPC.b[:b.EPC.n])
}
