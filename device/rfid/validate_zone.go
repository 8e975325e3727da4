package rfid

import (
	"fmt"
	"strings"
	"time"
)

func (v *validator) zones(c Config) {
	for i, z := range c.Zones {
		p := fmt.Sprintf("zones[%d]", i)
		v.check(strings.TrimSpace(z.Name) != "", p+".name", "must not be empty")
		v.unique("zone\x00"+z.Name, p+".name", fmt.Sprintf("zone name %q", z.Name))
		v.check(z.Role.valid(), p+".role", "must be receive_portal, ship_portal, storage or count, got %q", z.Role)
		v.departure(c, p+".departed_after", z.DepartedAfter)
		v.check(len(z.Locations) > 0, p+".locations", "need at least one location")
		for j, l := range z.Locations {
			v.location(fmt.Sprintf("%s.locations[%d]", p, j), l)
		}
	}
}

// departure applies the session rule: a threshold shorter than the time
// a present tag may legitimately stay silent would report tags that never
// left, so such a configuration is refused at start.
func (v *validator) departure(c Config, path string, d time.Duration) {
	if _, known := minSilence(c.Session, true); d < 0 || !known {
		return // an unknown session is reported once, at session
	}
	least, possible := minSilence(c.Session, c.DualTarget)
	if !possible {
		v.check(false, path, "session %s keeps tags silent while they stay in the field, so no departure can be detected; "+
			"use S0/S1, set dual_target if the readers alternate targets, or set a negative departed_after to disable departures", c.Session)
		return
	}
	v.check(d >= least, path, "%s is shorter than %s, the least a present tag may stay silent in session %s; raise it or disable departures with a negative value",
		d, least, c.Session)
	v.check(c.CheckInterval <= d/10, path, "check_interval %s must be at most a tenth of %s", c.CheckInterval, d)
}

func (v *validator) location(p string, l Location) {
	v.check(strings.TrimSpace(l.Name) != "", p+".name", "must not be empty")
	v.unique("loc\x00"+l.Name, p+".name", fmt.Sprintf("location name %q", l.Name))
	v.check(len(l.Antennas) > 0, p+".antennas", "need at least one antenna")
	for k, a := range l.Antennas {
		ap := fmt.Sprintf("%s.antennas[%d]", p, k)
		v.check(a.Reader != "", ap+".reader", "must not be empty")
		v.check(a.Port > 0, ap+".port", "must be 1 or more (LLRP antenna ids are 1-based)")
		v.unique(fmt.Sprintf("ant\x00%s\x00%d", a.Reader, a.Port), ap, fmt.Sprintf("antenna %s/%d", a.Reader, a.Port))
	}
}
