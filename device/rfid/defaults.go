package rfid

import (
	"strings"
	"time"
)

// Defaults, from EdgeX app-rfid-llrp-inventory where it has one.
const (
	defaultMaxTags       = 10000
	defaultMaxEPCBytes   = 32
	maxEPCBytesLimit     = 62 // Gen2 PC length field: 31 words
	defaultSession       = "S1"
	defaultDepartedAfter = 10 * time.Minute
	defaultCheckInterval = time.Second
	defaultAgeOut        = 336 * time.Hour
	defaultWindow        = 20
	defaultMinReads      = 2
	defaultMarginDB      = 6
	defaultHoldoff       = 500 * time.Millisecond
	defaultDecay         = 8
	defaultStale         = 10 * time.Second
	maxZones             = 64 // one bit each in the cycle masks
)

// withDefaults returns c with every zero field set to its default.
func (c Config) withDefaults() Config {
	def(&c.MaxTags, defaultMaxTags)
	def(&c.MaxEPCBytes, defaultMaxEPCBytes)
	def(&c.Session, defaultSession)
	c.Session = strings.ToUpper(c.Session)
	def(&c.DepartedAfter, defaultDepartedAfter)
	def(&c.CheckInterval, defaultCheckInterval)
	def(&c.AgeOut, defaultAgeOut)
	m := &c.Move
	def(&m.Window, defaultWindow)
	def(&m.MinReads, defaultMinReads)
	def(&m.MarginDB, defaultMarginDB)
	def(&m.Holdoff, defaultHoldoff)
	def(&m.DecayDBPerSecond, defaultDecay)
	def(&m.Stale, defaultStale)
	zones := make([]Zone, len(c.Zones))
	for i, z := range c.Zones {
		def(&z.Role, Storage)
		def(&z.DepartedAfter, c.DepartedAfter)
		zones[i] = z
	}
	c.Zones = zones
	return c
}

func def[T comparable](p *T, v T) {
	var zero T
	if *p == zero {
		*p = v
	}
}

// minSilence returns the shortest departure threshold the session can
// support, following llrp.md §6.1/§8: S0 flags reset as soon as a tag
// leaves the field (>= ~2 s), S1 flags persist 0.5-5 s (>= 10 s), S2/S3
// flags persist indefinitely while the tag is energised, so silence means
// nothing unless the readers use dual target or reset the flags.
func minSilence(session string, dualTarget bool) (time.Duration, bool) {
	switch session {
	case "S0":
		return 2 * time.Second, true
	case "S1":
		return 10 * time.Second, true
	case "S2", "S3":
		return 10 * time.Second, dualTarget
	}
	return 0, false
}
