package gateway

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/edged/edged/device/llrp"
)

func (c *Config) validateReaders() []error {
	var errs []error
	seen := map[string]int{}
	for i, r := range c.Readers {
		p := fmt.Sprintf("readers[%d]", i)
		if r.Name == "" {
			errs = append(errs, fmt.Errorf("%s.name: required", p))
		} else if j, dup := seen[r.Name]; dup {
			errs = append(errs, fmt.Errorf("%s.name: %q is already readers[%d]", p, r.Name, j))
		}
		seen[r.Name] = i
		errs = append(errs, r.validateLLRP(p)...)
	}
	return errs
}

// validateLLRP checks a reader's inventory against its profile, when it
// names one, else against what every reader can do.
func (r ReaderConfig) validateLLRP(p string) []error {
	var errs []error
	profile, known := llrp.LookupProfile(r.Profile)
	if r.Profile != "" && !known {
		errs = append(errs, fmt.Errorf("%s.profile: %q is not a known reader model; expected one of %s, or no profile", p, r.Profile, llrp.ProfileNames()))
	}
	if err := r.LLRP.Validate(profile.Capabilities()); err != nil {
		errs = append(errs, prefixed(p+".llrp.", err))
	}
	if known {
		for _, msg := range profile.CheckImpinj(r.LLRP) {
			errs = append(errs, fmt.Errorf("%s.llrp.%s", p, msg))
		}
	}
	return errs
}

// validateRFID reports the presence inventory's problems. Without zones
// or readers there is no inventory, so "zones: need 1" is no problem,
// but any other key set wrongly still is.
func (c *Config) validateRFID() []error {
	err := c.RFID.Validate()
	if err == nil {
		return nil
	}
	var errs []error
	for _, e := range unjoin(prefixed("rfid.", err)) {
		if len(c.RFID.Zones) > 0 || len(c.Readers) > 0 || !strings.HasPrefix(e.Error(), "rfid.zones: ") {
			errs = append(errs, e)
		}
	}
	return errs
}

// portProblem says why a zone cannot use this reader's antenna port, or
// "" when it can: the port must exist on the reader's model (its
// profile) and be one the reader's inventory reads (llrp.antennas).
// Port 0 is rfid's to report.
func (r ReaderConfig) portProblem(port uint16) string {
	if port == 0 {
		return ""
	}
	if p, ok := llrp.LookupProfile(r.Profile); ok && port > p.Antennas {
		return fmt.Sprintf("reader %s (%s) has no antenna %d; expected a port from 1 to %d", r.Name, p.Name, port, p.Antennas)
	}
	if len(r.LLRP.Antennas) > 0 && !slices.Contains(r.LLRP.Antennas, port) {
		return fmt.Sprintf("reader %s reads only antennas %s (its llrp.antennas), so antenna %d would never be read; expected one of those, or add %d to its llrp.antennas",
			r.Name, listPorts(r.LLRP.Antennas), port, port)
	}
	return ""
}

func listPorts(ports []uint16) string {
	s := make([]string, len(ports))
	for i, p := range ports {
		s[i] = strconv.Itoa(int(p))
	}
	return strings.Join(s, ", ")
}
