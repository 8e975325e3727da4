package llrp

import "time"

// Config is the inventory a reader runs, as an operator writes it in the
// YAML file. Every field is optional: the zero value means the default
// named in its comment. Check it against the reader with Validate.
type Config struct {
	// ROSpecID identifies our spec on the reader. 0 means 1.
	ROSpecID uint32 `mapstructure:"rospec_id"`
	// Antennas lists the 1-based antenna ports to read. Empty means all.
	Antennas []uint16 `mapstructure:"antennas"`
	// TransmitPowerDBm is the transmit power; the reader's power table
	// entry at or just below it is used. 0 means the reader's maximum.
	TransmitPowerDBm float64 `mapstructure:"transmit_power_dbm"`
	// Session is the Gen2 session, "S0" to "S3". Empty means S1 (each tag
	// re-reported every 0.5-5 s; S2/S3 report a tag once while powered).
	Session string `mapstructure:"session"`
	// TagPopulation is the expected number of tags in the field. 0 means 32.
	TagPopulation uint16 `mapstructure:"tag_population"`
	// TagTransitTime is the expected time a tag stays in the field. 0
	// means unknown (sent as 0).
	TagTransitTime time.Duration `mapstructure:"tag_transit_time"`
	// RFMode is a ModeIdentifier from the reader's RF mode table (see
	// `edged llrp probe`). Nil means the reader's default mode.
	RFMode *uint32 `mapstructure:"rf_mode"`
	// SearchMode is the Impinj inventory search mode: "single_target",
	// "dual_target" or "single_target_suppressed". Empty means the
	// reader's default. Impinj readers only.
	SearchMode string `mapstructure:"search_mode"`
	// ReportEveryNTags makes the reader report after N tag entries. 0
	// means 1 unless ReportEvery is set.
	ReportEveryNTags uint16 `mapstructure:"report_every_n_tags"`
	// ReportEvery makes the reader report at this period instead
	// (millisecond precision, LLRP 1.1 readers only). 0 means off.
	ReportEvery time.Duration `mapstructure:"report_every"`
	// EPCPrefixes restricts the inventory to tags whose EPC starts with
	// one of these hex prefixes (reader-side Select). Empty means all tags.
	EPCPrefixes []string `mapstructure:"epc_prefixes"`
	// StartGPI starts inventory on a GPI edge instead of at once.
	StartGPI *GPITrigger `mapstructure:"start_gpi"`
	// StopGPI stops inventory on a GPI edge (or its timeout).
	StopGPI *GPITrigger `mapstructure:"stop_gpi"`
	// ReadTIDWords reads this many words of the TID bank of every tag
	// through an AccessSpec. 0 means no TID read.
	ReadTIDWords uint16 `mapstructure:"read_tid_words"`
	// ReadUserWords reads this many words of user memory. 0 means none.
	ReadUserWords uint16 `mapstructure:"read_user_words"`
	// Keepalive is the period of the reader's KEEPALIVE; the link is
	// declared dead after three missed. 0 means 5 s; allowed 1 s to 60 s.
	Keepalive time.Duration `mapstructure:"keepalive"`
	// ImpinjExtensions sends Impinj's enable-extensions message on
	// connect and asks for Impinj's PeakRSSI in centi-dBm (finer than
	// the standard whole dBm). Set implicitly by SearchMode. Impinj only.
	ImpinjExtensions bool `mapstructure:"impinj_extensions"`
}

// GPITrigger is a GPI edge that starts or stops the inventory.
type GPITrigger struct {
	// Port is the 1-based GPI port.
	Port uint16 `mapstructure:"port"`
	// High triggers on the rising edge; false on the falling edge.
	High bool `mapstructure:"high"`
	// Timeout ends the wait for the edge (start) or the inventory
	// (stop) after this long. 0 means no timeout.
	Timeout time.Duration `mapstructure:"timeout"`
}

// Op spec ids of the AccessSpec reads, as found in ReadResult.OpSpecID.
const (
	OpReadTID  = 1
	OpReadUser = 2
)

// withDefaults returns c with defaults filled in.
func (c Config) withDefaults() Config {
	if c.ROSpecID == 0 {
		c.ROSpecID = 1
	}
	if c.Session == "" {
		c.Session = "S1"
	}
	if c.TagPopulation == 0 {
		c.TagPopulation = 32
	}
	if c.ReportEveryNTags == 0 && c.ReportEvery == 0 {
		c.ReportEveryNTags = 1
	}
	if c.Keepalive == 0 {
		c.Keepalive = 5 * time.Second
	}
	return c
}

// accessSpecID is the id of our AccessSpec, when TID or user reads are on.
func (c Config) accessSpecID() uint32 { return c.withDefaults().ROSpecID }

func (c Config) wantsAccess() bool { return c.ReadTIDWords > 0 || c.ReadUserWords > 0 }

func (c Config) wantsImpinj() bool { return c.SearchMode != "" || c.ImpinjExtensions }

func searchModeValue(s string) (uint16, bool) {
	switch s {
	case "single_target":
		return 1, true
	case "dual_target":
		return 2, true
	case "single_target_suppressed":
		return 3, true
	}
	return 0, false
}
