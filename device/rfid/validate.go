package rfid

import (
	"errors"
	"fmt"
	"math/bits"
	"unsafe"
)

// maxTableBytes caps the table: 1 GiB on 32-bit builds, 8 GiB on 64-bit.
const maxTableBytes = int64(1) << (30 + 3*(bits.UintSize/64))

// tableBytes is the memory New allocates for the tag table.
func tableBytes(c Config) int64 {
	perTag := int64(unsafe.Sizeof(tag{})) + int64(statSlots*max(c.Move.Window, 0)*2) +
		int64(max(c.MaxEPCBytes-inlineKey, 0)) + 2*4 // index: at least two int32 entries per tag
	return int64(max(c.MaxTags, 0)) * perTag
}

// Validate reports every problem in c (after defaults), each prefixed by
// its field path, joined with errors.Join and wrapping ErrConfig.
func (c Config) Validate() error {
	c = c.withDefaults()
	v := &validator{}
	v.check(c.MaxTags > 0 && c.MaxTags <= 1<<24, "max_tags", "must be 1 to 16777216, got %d", c.MaxTags)
	v.check(c.MaxEPCBytes >= 2 && c.MaxEPCBytes <= maxEPCBytesLimit, "max_epc_bytes", "must be 2 to 62, got %d", c.MaxEPCBytes)
	_, known := minSilence(c.Session, true)
	v.check(known, "session", "must be S0, S1, S2 or S3, got %q", c.Session)
	v.check(c.CheckInterval > 0, "check_interval", "must be positive, got %s", c.CheckInterval)
	v.check(c.AgeOut > 0, "age_out", "must be positive, got %s", c.AgeOut)
	v.move(c.Move)
	mem := tableBytes(c)
	v.check(mem <= maxTableBytes, "max_tags", "%d tags need %d MiB of memory, more than the %d MiB this build allows; lower max_tags or move.window",
		c.MaxTags, mem>>20, maxTableBytes>>20)
	v.check(len(c.Zones) > 0 && len(c.Zones) <= maxZones, "zones", "need 1 to %d zones, got %d", maxZones, len(c.Zones))
	v.zones(c)
	if len(v.errs) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrConfig, errors.Join(v.errs...))
}

type validator struct {
	errs []error
	seen map[string]string // names and antennas -> first path
}

func (v *validator) check(ok bool, path, format string, args ...any) {
	if !ok {
		v.errs = append(v.errs, fmt.Errorf("%s: "+format, append([]any{path}, args...)...))
	}
}

// unique reports a name or antenna used twice.
func (v *validator) unique(key, path, what string) {
	if v.seen == nil {
		v.seen = map[string]string{}
	}
	if first, dup := v.seen[key]; dup {
		v.check(false, path, "%s already used at %s", what, first)
		return
	}
	v.seen[key] = path
}

func (v *validator) move(m MoveConfig) {
	v.check(m.Window > 0 && m.Window <= 255, "move.window", "must be 1 to 255 reads, got %d", m.Window)
	v.check(m.MinReads > 0 && m.MinReads <= 65535, "move.min_reads", "must be 1 to 65535, got %d", m.MinReads)
	v.check(m.MarginDB > 0 && m.MarginDB <= 100, "move.margin_db", "must be above 0 and at most 100 dB, got %g", m.MarginDB)
	v.check(m.Holdoff > 0, "move.holdoff", "must be positive, got %s", m.Holdoff)
	v.check(m.DecayDBPerSecond > 0, "move.decay_db_per_second", "must be positive, got %g", m.DecayDBPerSecond)
	v.check(m.Stale >= m.Holdoff, "move.stale", "must be at least move.holdoff (%s), got %s", m.Holdoff, m.Stale)
}
