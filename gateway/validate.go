package gateway

import (
	"errors"
	"fmt"
	"strings"

	"github.com/edged/edged/catalog"
	"github.com/edged/edged/internal/logfmt"
)

// Validate reports every problem, each with its key path.
func (c *Config) Validate() error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	for _, k := range []struct{ name, v string }{{"site", c.Site}, {"gateway", c.Gateway}} {
		if strings.TrimSpace(k.v) == "" {
			add("%s: required; name this %s (it appears in every event and MQTT topic)", k.name, k.name)
		}
	}
	if _, err := catalog.New(c.Catalog); err != nil {
		errs = append(errs, prefixed("catalog.", err))
	}
	errs = append(errs, c.validateReaders()...)
	errs = append(errs, c.validateAddresses()...)
	errs = append(errs, c.validateRFID()...)
	for _, d := range []struct {
		key string
		v   int64
	}{{"count_cycle", int64(c.CountCycle)}, {"ledger.prune_every", int64(c.Ledger.PruneEvery)},
		{"ledger.retention", int64(c.Ledger.Retention)}, {"ledger.max_size", c.Ledger.MaxSize}} {
		if d.v < 0 {
			add("%s: must not be negative", d.key)
		}
	}
	errs = append(errs, c.validateAntennas()...)
	errs = append(errs, c.validateUplink()...)
	if err := logfmt.Check(c.Log.Level, c.Log.Format); err != nil {
		errs = append(errs, err)
	}
	if err := c.Report.Validate("report"); err != nil {
		errs = append(errs, unjoin(err)...)
	}
	if err := c.CycleCount.Validate("cycle_count"); err != nil {
		errs = append(errs, unjoin(err)...)
	}
	if len(c.Scanners) > 0 {
		if err := c.Config.Validate(); err != nil {
			errs = append(errs, prefixed("", err))
		}
	}
	return errors.Join(errs...)
}

// validateAntennas: every antenna in a zone names a configured reader
// and a port that reader has and reads, and every gate a gated zone.
func (c *Config) validateAntennas() []error {
	readers := map[string]ReaderConfig{}
	for _, r := range c.Readers {
		readers[r.Name] = r
	}
	errs := c.validateGates()
	for zi, z := range c.RFID.Zones {
		for li, l := range z.Locations {
			for ai, a := range l.Antennas {
				p := fmt.Sprintf("rfid.zones[%d].locations[%d].antennas[%d]", zi, li, ai)
				if r, ok := readers[a.Reader]; !ok {
					errs = append(errs, fmt.Errorf("%s.reader: %q is not a configured reader; expected one of the readers[].name", p, a.Reader))
				} else if msg := r.portProblem(a.Port); msg != "" {
					errs = append(errs, fmt.Errorf("%s.port: %s", p, msg))
				}
			}
		}
	}
	for i, sc := range c.Scanners {
		if _, ok := readers[sc.Light.Reader]; sc.Light.Reader != "" && !ok {
			errs = append(errs, fmt.Errorf("scanners[%d].light.reader: %q is not a configured reader", i, sc.Light.Reader))
		}
	}
	return errs
}

func (c *Config) validateGates() []error {
	gated := map[string]bool{}
	for _, z := range c.RFID.Zones {
		gated[z.Name] = z.GPIGated
	}
	var errs []error
	for i, r := range c.Readers {
		for j, g := range r.Gates {
			p := fmt.Sprintf("readers[%d].gates[%d]", i, j)
			if isGated, ok := gated[g.Zone]; !ok || !isGated {
				errs = append(errs, fmt.Errorf("%s.zone: %q is not an rfid zone with gpi_gated: true", p, g.Zone))
			}
			if g.OpenWhen != "" && g.OpenWhen != "high" && g.OpenWhen != "low" {
				errs = append(errs, fmt.Errorf("%s.open_when: %q must be high or low", p, g.OpenWhen))
			}
			if g.Port == 0 {
				errs = append(errs, fmt.Errorf("%s.port: required (GPI ports count from 1)", p))
			}
		}
	}
	return errs
}

// prefixed puts a section path in front of each joined error, without
// the package's own "name: " prefix or its bare sentinel line.
func prefixed(prefix string, err error) error {
	pkg := strings.TrimSuffix(prefix, ".") + ": "
	if prefix == "" {
		pkg = "\x00" // nothing to strip
	}
	var out []error
	for _, e := range unjoin(err) {
		for _, line := range strings.Split(e.Error(), "\n") {
			msg := trimSentinel(strings.TrimPrefix(line, pkg))
			if msg == "invalid configuration" || msg == "" {
				continue
			}
			out = append(out, &sectionError{prefix + msg, e})
		}
	}
	return errors.Join(out...)
}

// trimSentinel drops the ": llrp: invalid configuration" a package's
// sentinel adds at the end of a message: it is for callers, not people.
func trimSentinel(msg string) string {
	body, ok := strings.CutSuffix(msg, ": invalid configuration")
	i := strings.LastIndex(body, ": ")
	if !ok || i < 0 || strings.ContainsAny(body[i+2:], " .") {
		return msg
	}
	return body[:i]
}

// sectionError is a section's error with its key path in front.
type sectionError struct {
	msg string
	err error
}

func (e *sectionError) Error() string { return e.msg }
func (e *sectionError) Unwrap() error { return e.err }

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, unjoin(e)...)
		}
		return out
	}
	return []error{err}
}
