package rfid

import (
	"fmt"
	"hash/maphash"
	"log/slog"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/epc"
)

// Inventory turns tag reads into presence events. It is not safe for
// concurrent use: one goroutine owns it and calls Observe, Tick,
// SetTrigger and EndCycle in time order.
type Inventory struct {
	cfg    Config
	log    *slog.Logger
	zones  []zoneState
	locs   []locState
	ants   map[antKey]uint16
	t      *table
	mob    mobility
	ageOut int64
	clock  int64 // latest read or tick time, ns
	tick   int64 // latest Tick time, ns
	c      Counters
}

type zoneState struct {
	name        string
	role        Role
	depart      int64 // ns; 0 = never
	gated, open bool
	cycleStart  int64
	wheel       zoneWheel
}

type locState struct {
	name string
	zone uint16
}

type antKey struct {
	reader string
	port   uint16
}

// New validates cfg and allocates the whole tag table. A nil logger
// discards.
func New(cfg Config, log *slog.Logger) (*Inventory, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	inv := &Inventory{cfg: cfg, log: log, ants: map[antKey]uint16{},
		mob: newMobility(cfg.Move), ageOut: int64(cfg.AgeOut)}
	lists := 0
	for zi, z := range cfg.Zones {
		depart := max(int64(z.DepartedAfter), 0)
		w := newWheel(int16(lists), depart)
		lists += w.buckets
		inv.zones = append(inv.zones, zoneState{name: z.Name, role: z.Role,
			depart: depart, gated: z.GPIGated, wheel: w})
		for _, l := range z.Locations {
			for _, a := range l.Antennas {
				inv.ants[antKey{a.Reader, a.Port}] = uint16(len(inv.locs))
			}
			inv.locs = append(inv.locs, locState{name: l.Name, zone: uint16(zi)})
		}
	}
	// One more list after the zones' buckets holds departed tags.
	inv.t = newTable(cfg.MaxTags, cfg.MaxEPCBytes, cfg.Move.Window, lists+1)
	return inv, nil
}

// CheckInterval is how often the owner should call Tick.
func (inv *Inventory) CheckInterval() time.Duration { return inv.cfg.CheckInterval }

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
	loc, ok := inv.ants[antKey{r.Reader, r.Antenna}]
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

func (inv *Inventory) place(loc uint16) Place {
	l := &inv.locs[loc]
	z := &inv.zones[l.zone]
	return Place{Location: l.name, Zone: z.name, Role: z.role}
}

func (inv *Inventory) epcOf(s int32) EPC {
	var e EPC
	e.n = uint8(len(inv.t.appendKey(e.b[:0], s)))
	return e
}

// settle links tag s into the bucket of loc's zone for time now.
func (inv *Inventory) settle(s int32, loc uint16, now int64) {
	w := &inv.zones[inv.locs[loc].zone].wheel
	inv.t.relink(s, w.bucket(now))
	inv.t.tags[s].linkedAt = now
}

func (inv *Inventory) departedList() int16 { return int16(len(inv.t.lists) - 1) }

func (inv *Inventory) zoneIndex(name string) (int, error) {
	for i := range inv.zones {
		if inv.zones[i].name == name {
			return i, nil
		}
	}
	return 0, fmt.Errorf("%w %q; configured zones are listed under zones: in the configuration", ErrUnknownZone, name)
}
