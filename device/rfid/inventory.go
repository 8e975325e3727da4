package rfid

import (
	"fmt"
	"log/slog"
	"time"
)

// Inventory turns tag reads into presence events. It is not safe for
// concurrent use: one goroutine owns it and calls Observe, Tick,
// SetTrigger and EndCycle in time order.
type Inventory struct {
	cfg    Config
	log    *slog.Logger
	zones  []zoneState
	locs   []locState
	ants   antennas
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
	inv := &Inventory{cfg: cfg, log: log,
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
				inv.ants.add(a.Reader, a.Port, uint16(len(inv.locs)))
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
