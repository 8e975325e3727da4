package rfid

import "time"

// Tick reports departures and age-outs due at now, appending them to dst
// (oldest first) and returning it; with enough capacity in dst it does
// not allocate. Its cost is proportional to the events it reports.
func (inv *Inventory) Tick(now time.Time, dst []Event) []Event {
	n := now.UnixNano()
	if n < inv.tick {
		inv.c.TimeBackwards++
		return dst
	}
	inv.tick = n
	n = max(n, inv.clock)
	inv.clock = n
	for zi := range inv.zones {
		dst = inv.departZone(zi, n, dst)
	}
	dl := inv.departedList()
	for s := inv.t.lists[dl].tail; s >= 0 && inv.t.tags[s].since < n-inv.ageOut; s = inv.t.lists[dl].tail {
		t := &inv.t.tags[s]
		dst = append(dst, Event{Kind: AgedOut, EPC: inv.epcOf(s), From: inv.place(t.loc),
			At: nsTime(n), LastSeen: nsTime(t.lastRead)})
		inv.c.AgedOut++
		inv.t.remove(s)
	}
	return dst
}

// departZone departs the zone's tags unread for its threshold, walking
// from the least recently read end of its list.
func (inv *Inventory) departZone(zi int, n int64, dst []Event) []Event {
	d := inv.zones[zi].depart
	if d <= 0 {
		return dst
	}
	for s := inv.t.lists[zi].tail; s >= 0 && inv.t.tags[s].lastRead < n-d; s = inv.t.lists[zi].tail {
		t := &inv.t.tags[s]
		t.state, t.since = stateDeparted, n
		// A re-arrival starts from fresh statistics, as in EdgeX.
		t.stats = [statSlots]stat{}
		inv.t.relink(s, inv.departedList())
		inv.c.Departed++
		dst = append(dst, Event{Kind: Departed, EPC: inv.epcOf(s), From: inv.place(t.loc),
			At: nsTime(n), LastSeen: nsTime(t.lastRead)})
	}
	return dst
}

// evict frees one slot: the longest departed tag if any, else the least
// recently read present tag of any zone. Evicting a present tag loses its
// presence (a later read is a new Arrived), so it is counted apart.
func (inv *Inventory) evict() {
	victim := inv.t.lists[inv.departedList()].tail
	if victim < 0 {
		for zi := range inv.zones {
			s := inv.t.lists[zi].tail
			if s >= 0 && (victim < 0 || inv.t.tags[s].lastRead < inv.t.tags[victim].lastRead) {
				victim = s
			}
		}
		inv.c.EvictedPresent++
	}
	inv.c.Evicted++
	inv.t.remove(victim)
}
