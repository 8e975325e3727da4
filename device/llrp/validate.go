package llrp

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Validate checks the configuration against a reader's capabilities and
// returns every problem at once, each naming its field. A zero caps (not
// yet connected) skips the checks that need the reader.
func (c Config) Validate(caps Capabilities) error {
	var errs []error
	add := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s: %w", field, fmt.Sprintf(format, args...), ErrInvalidConfig))
	}
	c.validateAntennas(caps, add)
	c.validateRadio(caps, add)
	c.validateReport(caps, add)
	c.validateTriggers(caps, add)
	return errors.Join(errs...)
}

type addFunc func(field, format string, args ...any)

func (c Config) validateAntennas(caps Capabilities, add addFunc) {
	seen := map[uint16]bool{}
	for i, a := range c.Antennas {
		field := fmt.Sprintf("antennas[%d]", i)
		switch {
		case a == 0:
			add(field, "antenna ports start at 1")
		case caps.Antennas > 0 && a > caps.Antennas:
			add(field, "antenna %d does not exist; the reader has %d", a, caps.Antennas)
		case seen[a]:
			add(field, "antenna %d listed twice", a)
		}
		seen[a] = true
	}
}

func (c Config) validateRadio(caps Capabilities, add addFunc) {
	if len(caps.Power) > 0 && c.TransmitPowerDBm != 0 {
		if _, ok := caps.PowerIndex(c.TransmitPowerDBm); !ok {
			lo, hi := caps.PowerRange()
			add("transmit_power_dbm", "%.2f dBm is below the reader's range %.2f..%.2f dBm", c.TransmitPowerDBm, lo, hi)
		}
	}
	switch c.Session {
	case "", "S0", "S1", "S2", "S3":
	default:
		add("session", "%q is not a Gen2 session; use S0, S1, S2 or S3", c.Session)
	}
	if c.RFMode != nil && len(caps.Modes) > 0 && !caps.hasMode(*c.RFMode) {
		add("rf_mode", "mode %d is not in the reader's RF mode table (see edged llrp probe)", *c.RFMode)
	}
	if c.SearchMode != "" {
		if _, ok := searchModeValue(c.SearchMode); !ok {
			add("search_mode", "%q unknown; use single_target, dual_target or single_target_suppressed", c.SearchMode)
		}
	}
	if c.wantsImpinj() && caps.Manufacturer != 0 && caps.Manufacturer != VendorImpinj {
		add("search_mode", "Impinj extensions need an Impinj reader; this one is vendor %d", caps.Manufacturer)
	}
}

func (c Config) validateReport(caps Capabilities, add addFunc) {
	if c.ReportEvery != 0 {
		switch {
		case c.ReportEveryNTags != 0:
			add("report_every", "set either report_every or report_every_n_tags, not both")
		case c.ReportEvery < time.Millisecond || c.ReportEvery > 65535*time.Millisecond:
			add("report_every", "%v outside 1ms..65.535s", c.ReportEvery)
		case caps.Version == Version101:
			add("report_every", "time-based reports need LLRP 1.1; this reader speaks 1.0.1; use report_every_n_tags")
		}
	}
	if c.Keepalive != 0 && (c.Keepalive < time.Second || c.Keepalive > time.Minute) {
		add("keepalive", "%v outside 1s..60s", c.Keepalive)
	}
	if caps.MaxSelectFilters > 0 && len(c.EPCPrefixes) > int(caps.MaxSelectFilters) {
		add("epc_prefixes", "%d prefixes but the reader takes at most %d", len(c.EPCPrefixes), caps.MaxSelectFilters)
	}
	for i, p := range c.EPCPrefixes {
		if _, _, err := prefixMask(p); err != nil {
			add(fmt.Sprintf("epc_prefixes[%d]", i), "%v", err)
		}
	}
}

func (c Config) validateTriggers(caps Capabilities, add addFunc) {
	for i, g := range [2]*GPITrigger{c.StartGPI, c.StopGPI} {
		name := [2]string{"start_gpi", "stop_gpi"}[i]
		switch {
		case g == nil:
		case g.Port == 0:
			add(name+".port", "GPI ports start at 1")
		case caps.fromReader() && g.Port > caps.GPIs: // a profile does not know the GPIs
			add(name+".port", "GPI %d does not exist; the reader has %d", g.Port, caps.GPIs)
		}
	}
	if c.wantsAccess() && caps.Manufacturer != 0 && caps.MaxAccessSpecs == 0 {
		add("read_tid_words", "the reader supports no AccessSpecs")
	}
}

// prefixMask parses a hex EPC prefix into its bytes and bit length.
func prefixMask(p string) ([]byte, uint16, error) {
	p = strings.TrimPrefix(strings.ToLower(p), "0x")
	if p == "" || len(p) > 124 {
		return nil, 0, fmt.Errorf("prefix %q must have 1 to 124 hex digits", p)
	}
	bits := uint16(4 * len(p))
	if len(p)%2 == 1 {
		p += "0"
	}
	b, err := hex.DecodeString(p)
	if err != nil {
		return nil, 0, fmt.Errorf("prefix %q is not hex", p)
	}
	return b, bits, nil
}

func (c *Capabilities) hasMode(id uint32) bool {
	for _, m := range c.Modes {
		if m.ID == id {
			return true
		}
	}
	return false
}
