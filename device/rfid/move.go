package rfid

import "github.com/edged/edged/device"

// mobility is MoveConfig in the units the hot path uses.
type mobility struct {
	minReads uint16
	margin   float64 // dB
	holdoff  int64   // ns
	decay    float64 // dB per ns
	stale    int64   // ns
}

func newMobility(m MoveConfig) mobility {
	return mobility{minReads: uint16(m.MinReads), margin: m.MarginDB, holdoff: int64(m.Holdoff),
		decay: m.DecayDBPerSecond / 1e9, stale: int64(m.Stale)}
}

// marginAt is the RSSI margin a new location must beat when the current
// location last read the tag silent ns ago: full during the hold-off,
// then shrinking linearly and eventually negative.
func (m *mobility) marginAt(silent int64) float64 {
	if silent <= m.holdoff {
		return m.margin
	}
	return m.margin - m.decay*float64(silent-m.holdoff)
}

// arrive makes a tag present at loc with fresh statistics.
func (inv *Inventory) arrive(s int32, loc uint16, now int64, r *device.TagRead) Event {
	t := &inv.t.tags[s]
	t.state, t.loc, t.lastRead = statePresent, loc, now
	t.statLoc, t.stats = [statSlots]uint16{}, [statSlots]stat{}
	inv.push(s, inv.statFor(s, loc, now), r, now)
	inv.settle(s, loc, now)
	inv.c.Arrived++
	at := nsTime(now)
	return Event{Kind: Arrived, EPC: inv.epcOf(s), To: inv.place(loc), At: at, LastSeen: at}
}

// update records a read of a present tag and decides whether it moved.
func (inv *Inventory) update(s int32, loc uint16, now int64, r *device.TagRead) (Event, bool) {
	t := &inv.t.tags[s]
	j := inv.statFor(s, loc, now)
	inv.push(s, j, r, now)
	t.lastRead = now
	if loc == t.loc || !inv.shouldMove(t, j, now) {
		if inv.zones[inv.locs[t.loc].zone].wheel.stale(t.linkedAt, now) {
			inv.settle(s, t.loc, now)
		}
		return Event{}, false
	}
	from := t.loc
	t.loc = loc
	inv.settle(s, loc, now)
	inv.c.Moved++
	at := nsTime(now)
	return Event{Kind: Moved, EPC: inv.epcOf(s), From: inv.place(from), To: inv.place(loc), At: at, LastSeen: at}, true
}

// shouldMove compares the candidate stat j with the current location's.
// Without RSSI on both sides the means count as equal, so the move waits
// until the margin has decayed below zero (the old location went quiet).
func (inv *Inventory) shouldMove(t *tag, j int, now int64) bool {
	cand := &t.stats[j]
	if cand.reads < inv.mob.minReads {
		return false
	}
	c := findStat(t, t.loc)
	if c < 0 {
		// Seeded and not read at its place since: nothing holds it there.
		return true
	}
	cur := &t.stats[c]
	diff := 0.0
	if cand.n > 0 && cur.n > 0 {
		diff = (float64(cand.sum)/float64(cand.n) - float64(cur.sum)/float64(cur.n)) / 100
	}
	return diff > inv.mob.marginAt(now-cur.lastRead)
}

func findStat(t *tag, loc uint16) int {
	for j, l := range t.statLoc {
		if l == loc+1 {
			return j
		}
	}
	return -1
}

// statFor returns the stat slot for loc, taking an unused one or the
// least recently read candidate (never the current location's). A
// candidate's samples older than Stale are dropped first.
func (inv *Inventory) statFor(s int32, loc uint16, now int64) int {
	t := &inv.t.tags[s]
	j := findStat(t, loc)
	if j >= 0 && (loc == t.loc || now-t.stats[j].lastRead <= inv.mob.stale) {
		return j
	}
	if j < 0 {
		j = victimStat(t)
	}
	t.stats[j], t.statLoc[j] = stat{}, loc+1
	return j
}

func victimStat(t *tag) int {
	v := -1
	for j, l := range t.statLoc {
		switch {
		case l == 0:
			return j
		case l == t.loc+1:
		case v < 0 || t.stats[j].lastRead < t.stats[v].lastRead:
			v = j
		}
	}
	return v
}

// push adds a read to stat j: the reader's seen count and, when RSSI was
// reported, one sample in the ring window.
func (inv *Inventory) push(s int32, j int, r *device.TagRead, now int64) {
	st := &inv.t.tags[s].stats[j]
	st.lastRead = now
	st.reads = uint16(min(uint32(st.reads)+uint32(max(r.Count, 1)), 65535))
	if r.RSSI == 0 {
		return
	}
	w := inv.t.window
	ring := inv.t.rssi[(int(s)*statSlots+j)*w : (int(s)*statSlots+j+1)*w]
	if int(st.n) == w {
		st.sum -= int32(ring[st.head])
	} else {
		st.n++
	}
	ring[st.head] = r.RSSI
	st.sum += int32(r.RSSI)
	st.head = uint8((int(st.head) + 1) % w)
}
