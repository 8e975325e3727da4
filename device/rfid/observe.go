package rfid

import (
	"hash/maphash"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/epc"
)

// Observe records one read and returns the event it causes, if any. It
// does O(1) work and no allocation; reads from unconfigured antennas,
// from gated zones outside their window, or with an empty or too long
// EPC are dropped and counted.
func (inv *Inventory) Observe(r device.TagRead) (Event, bool) {
	loc, ok := inv.accept(&r)
	if !ok {
		return Event{}, false
	}
	now := inv.readTime(&r)
	s, fresh := inv.tagFor(r.EPC, now)
	t := &inv.t.tags[s]
	if now < t.lastRead {
		inv.c.TimeBackwards++
		now = t.lastRead
	}
	inv.clock = max(inv.clock, now)
	inv.c.Reads++
	t.cur |= 1 << inv.locs[loc].zone
	if fresh || t.state != statePresent {
		return inv.arrive(s, loc, now, &r), true
	}
	return inv.update(s, loc, now, &r)
}

// readTime converts the read's time; a read without one is taken at the
// inventory's clock and counted.
func (inv *Inventory) readTime(r *device.TagRead) int64 {
	if r.Seen.IsZero() {
		inv.c.NoTimestamp++
		return inv.clock
	}
	return r.Seen.UnixNano()
}

// accept maps the read to a location, or counts why it cannot be used.
func (inv *Inventory) accept(r *device.TagRead) (uint16, bool) {
	if len(r.EPC) == 0 || len(r.EPC) > inv.cfg.MaxEPCBytes {
		inv.c.BadEPCLength++
		return 0, false
	}
	loc, ok := inv.ants.lookup(r.Reader, r.Antenna)
	if !ok {
		inv.c.UnknownAntenna++
		return 0, false
	}
	if z := &inv.zones[inv.locs[loc].zone]; z.gated && !z.open {
		inv.c.GatedOut++
		return 0, false
	}
	return loc, true
}

// tagFor finds the tag or makes room for it, vetting a new EPC once.
func (inv *Inventory) tagFor(key []byte, now int64) (int32, bool) {
	h := maphash.Bytes(inv.t.seed, key)
	if s := inv.t.find(key, h); s >= 0 {
		return s, false
	}
	if len(inv.t.free) == 0 {
		inv.evict()
	}
	switch scheme, err := epc.Classify(key); {
	case err != nil:
		inv.c.MalformedEPC++
	case scheme == epc.Unknown:
		inv.c.UnknownScheme++
	}
	return inv.t.insert(key, h), true
}
