package rfid

import "time"

// Config configures an Inventory. Every field's zero value means its
// documented default; Validate reports all problems at once.
type Config struct {
	// MaxTags bounds how many tags are tracked at once; the table is
	// allocated up front (about 275 bytes per tag with the defaults).
	// When full, the least recently read tag is evicted (departed tags
	// first) and counted. Default 10000.
	MaxTags int `mapstructure:"max_tags"`
	// MaxEPCBytes is the longest EPC kept, in bytes; longer reads are
	// dropped and counted. Default 32 (covers EPC-96 to EPC-256); at most
	// 62, the Gen2 EPC bank limit.
	MaxEPCBytes int `mapstructure:"max_epc_bytes"`
	// Session is the Gen2 session the readers inventory with, "S0" to
	// "S3" (it must match the reader configuration). It decides how long
	// a present tag may stay silent. Default "S1".
	Session string `mapstructure:"session"`
	// DualTarget says the readers alternate A/B targets or reset the
	// inventoried flags (Impinj dual target, Select B->A), so that tags
	// in S2/S3 keep answering and departures can be detected.
	DualTarget bool `mapstructure:"dual_target"`
	// DepartedAfter is how long a present tag may go unread before it is
	// reported Departed; zones may override it. Negative disables
	// departures. Default 10m (EdgeX DepartedThresholdSeconds 600).
	DepartedAfter time.Duration `mapstructure:"departed_after"`
	// CheckInterval is how often the owner should call Tick; departures
	// are reported up to this late. Must be at most a tenth of every
	// departure threshold. Default 1s.
	CheckInterval time.Duration `mapstructure:"check_interval"`
	// AgeOut is how long a departed tag is remembered (so that it can
	// re-arrive as the same tag) before AgedOut. Default 336h (14 days).
	AgeOut time.Duration `mapstructure:"age_out"`
	// Move tunes the Moved decision.
	Move MoveConfig `mapstructure:"move"`
	// Zones group locations and give them a role. At least one, at most 64.
	Zones []Zone `mapstructure:"zones"`
}

// MoveConfig is the RSSI hysteresis of the Moved decision (EdgeX's
// mobility profile): a tag moves to a new location when that location's
// mean RSSI beats the current one's by MarginDB while the current
// location read the tag within Holdoff, a margin that then shrinks by
// DecayDBPerSecond (and goes negative, so a silent old location loses).
type MoveConfig struct {
	// Window is the number of recent RSSI samples averaged per location.
	// Default 20, at most 255.
	Window int `mapstructure:"window"`
	// MinReads is the number of reads the new location needs before a
	// move. Default 2.
	MinReads int `mapstructure:"min_reads"`
	// MarginDB is the full RSSI margin in dB. Default 6.
	MarginDB float64 `mapstructure:"margin_db"`
	// Holdoff is how long after the old location's last read the full
	// margin applies. Default 500ms.
	Holdoff time.Duration `mapstructure:"holdoff"`
	// DecayDBPerSecond is how fast the margin shrinks after Holdoff.
	// Default 8 (EdgeX slope -0.008 dBm/ms).
	DecayDBPerSecond float64 `mapstructure:"decay_db_per_second"`
	// Stale drops a candidate location's samples when it has not read
	// the tag for this long, so only a recent window competes. Default 10s.
	Stale time.Duration `mapstructure:"stale"`
}

// Zone is a named group of locations with one role.
type Zone struct {
	// Name identifies the zone in events, reports and SetTrigger.
	Name string `mapstructure:"name"`
	// Role decides what an event in the zone means. Default storage.
	Role Role `mapstructure:"role"`
	// DepartedAfter overrides Config.DepartedAfter; negative disables
	// departures in this zone.
	DepartedAfter time.Duration `mapstructure:"departed_after"`
	// GPIGated limits the zone to its trigger window: reads at its
	// locations count only between SetTrigger(zone, true) and
	// SetTrigger(zone, false), for example while a dock door is open.
	GPIGated bool `mapstructure:"gpi_gated"`
	// Locations are the zone's locations; at least one.
	Locations []Location `mapstructure:"locations"`
}

// Location is a named place made of one or more antennas, for example
// the two antennas of a dual-polarity portal. Reads on any of them count
// as the same location, so moving between them is never a Moved.
type Location struct {
	Name     string    `mapstructure:"name"`
	Antennas []Antenna `mapstructure:"antennas"`
}

// Antenna is one reader port.
type Antenna struct {
	// Reader is the reader's configured id (device.TagRead.Reader).
	Reader string `mapstructure:"reader"`
	// Port is the 1-based antenna port.
	Port uint16 `mapstructure:"port"`
}
