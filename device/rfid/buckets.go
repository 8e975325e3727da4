package rfid

import "time"

// Present tags sit in time buckets per zone, a timing wheel: bucket k
// holds the tags last (re)linked during slot k of width gran. A read
// relinks a tag only when it falls in a later slot, so most reads touch
// no other tag, and Tick visits only the buckets whose slot has wholly
// passed the departure threshold. Departures are therefore reported up to
// one slot (threshold/wheelSlots) plus one check interval late.
const (
	wheelSlots = 32             // slots per departure threshold
	wheelSize  = wheelSlots + 4 // buckets per zone, so the wheel never laps a live slot
	// quietGran is the relink granularity of zones without departures,
	// which only keep a rough read order for eviction.
	quietGran = int64(time.Minute)
)

// zoneWheel places a zone's buckets in table.lists.
type zoneWheel struct {
	base    int16 // first list of the zone
	buckets int   // wheelSize, or 1 without departures
	gran    int64 // slot width, ns
	next    int64 // first slot Tick has not swept
}

func newWheel(base int16, depart int64) zoneWheel {
	if depart <= 0 {
		return zoneWheel{base: base, buckets: 1, gran: quietGran}
	}
	return zoneWheel{base: base, buckets: wheelSize, gran: max(depart/wheelSlots, 1)}
}

// bucket returns the list for tags linked at time at.
func (w *zoneWheel) bucket(at int64) int16 {
	k := floorDiv(at, w.gran) % int64(w.buckets)
	if k < 0 {
		k += int64(w.buckets)
	}
	return w.base + int16(k)
}

// stale reports whether a tag linked at linkedAt and read at now belongs
// in a later bucket.
func (w *zoneWheel) stale(linkedAt, now int64) bool {
	return floorDiv(now, w.gran) != floorDiv(linkedAt, w.gran)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// oldest returns the tail of the oldest non-empty bucket after the one
// for now, or -1; it is approximate when Tick has not run for a lap.
func (inv *Inventory) oldest(w *zoneWheel, now int64) int32 {
	first := w.bucket(now) - w.base
	for i := 1; i <= w.buckets; i++ {
		b := w.base + int16((int(first)+i)%w.buckets)
		if s := inv.t.lists[b].tail; s >= 0 {
			return s
		}
	}
	return -1
}
