package rfid_test

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/edged/edged/device/rfid"
)

// setConfig sets one Config field by its mapstructure name.
func setConfig(c *rfid.Config, key, val string) error {
	durations := map[string]*time.Duration{
		"departed_after": &c.DepartedAfter, "check_interval": &c.CheckInterval, "age_out": &c.AgeOut,
		"holdoff": &c.Move.Holdoff, "stale": &c.Move.Stale,
	}
	ints := map[string]*int{
		"max_tags": &c.MaxTags, "max_epc_bytes": &c.MaxEPCBytes, "window": &c.Move.Window, "min_reads": &c.Move.MinReads,
	}
	floats := map[string]*float64{"margin_db": &c.Move.MarginDB, "decay_db_per_second": &c.Move.DecayDBPerSecond}
	var err error
	switch {
	case key == "session":
		c.Session = val
	case key == "dual_target":
		c.DualTarget, err = strconv.ParseBool(val)
	case durations[key] != nil:
		*durations[key], err = time.ParseDuration(val)
	case ints[key] != nil:
		*ints[key], err = strconv.Atoi(val)
	case floats[key] != nil:
		*floats[key], err = strconv.ParseFloat(val, 64)
	default:
		return fmt.Errorf("unknown setting %q", key)
	}
	return err
}

func (tr *trace) parseZone(f []string) error {
	if len(f) < 3 {
		return fmt.Errorf("want: zone NAME ROLE [gated] [departed_after=D]")
	}
	z := rfid.Zone{Name: f[1], Role: rfid.Role(f[2])}
	for _, opt := range f[3:] {
		d, isDepart := strings.CutPrefix(opt, "departed_after=")
		switch {
		case opt == "gated":
			z.GPIGated = true
		case isDepart:
			v, err := time.ParseDuration(d)
			if err != nil {
				return err
			}
			z.DepartedAfter = v
		default:
			return fmt.Errorf("unknown zone option %q", opt)
		}
	}
	tr.cfg.Zones = append(tr.cfg.Zones, z)
	return nil
}

func (tr *trace) parseLocation(f []string) error {
	if len(f) < 4 {
		return fmt.Errorf("want: location NAME ZONE READER/PORT...")
	}
	l := rfid.Location{Name: f[1]}
	for _, a := range f[3:] {
		r, p, err := parseAntenna(a)
		if err != nil {
			return err
		}
		l.Antennas = append(l.Antennas, rfid.Antenna{Reader: r, Port: p})
	}
	for i := range tr.cfg.Zones {
		if tr.cfg.Zones[i].Name == f[2] {
			tr.cfg.Zones[i].Locations = append(tr.cfg.Zones[i].Locations, l)
			return nil
		}
	}
	return fmt.Errorf("location %s: zone %q not declared above", f[1], f[2])
}

// parseTimes reads T or T1..T2/STEP.
func parseTimes(s string) ([]time.Duration, error) {
	span, step, ranged := strings.Cut(s, "/")
	from, to, _ := strings.Cut(span, "..")
	t1, err := time.ParseDuration(from)
	if err != nil || !ranged {
		return []time.Duration{t1}, err
	}
	t2, err2 := time.ParseDuration(to)
	st, err3 := time.ParseDuration(step)
	if err2 != nil || err3 != nil || st <= 0 || t2 < t1 || (t2-t1)/st >= maxTraceOps {
		return nil, fmt.Errorf("time range %q must be T1..T2/STEP with T1 <= T2 and a positive STEP", s)
	}
	var ts []time.Duration
	for t := t1; t <= t2; t += st {
		ts = append(ts, t)
	}
	return ts, nil
}
