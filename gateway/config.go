package gateway

import (
	"net"
	"time"

	"github.com/edged/edged/catalog"
	"github.com/edged/edged/countplan"
	"github.com/edged/edged/device/llrp"
	"github.com/edged/edged/device/rfid"
	"github.com/edged/edged/report"
	"github.com/edged/edged/tagflow"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/workflow/floor"
)

// Config is the daemon's configuration file (see docs/configuration.md).
// Zero fields take their defaults.
type Config struct {
	// Site and Gateway name this gateway in events and on the uplink.
	Site    string `mapstructure:"site"`
	Gateway string `mapstructure:"gateway"`
	// Ledger is the system of record.
	Ledger LedgerConfig `mapstructure:"ledger"`
	// Catalog maps GTINs, codes and EPC patterns to SKUs.
	Catalog catalog.Config `mapstructure:"catalog"`
	// Readers are the LLRP RFID readers.
	Readers []ReaderConfig `mapstructure:"readers"`
	// RFID is the presence inventory: zones, locations and their antennas.
	RFID rfid.Config `mapstructure:"rfid"`
	// Tagflow names the device and user recorded on RFID movements.
	Tagflow tagflow.Config `mapstructure:"tagflow"`
	// CountCycle is how often count zones are compared with the ledger
	// (and cycle reports are made). Default 5 minutes.
	CountCycle time.Duration `mapstructure:"count_cycle"`
	// ALEReports publishes every zone's cycle report (current tags,
	// additions, deletions) on the uplink's ale/<zone> topic each cycle.
	ALEReports bool `mapstructure:"ale_reports"`
	// MQTT is the broker of the uplink; without one nothing is sent.
	MQTT MQTTConfig `mapstructure:"mqtt"`
	// Uplink tunes the store-and-forward to the relay (window, replay
	// rate, alarms, backlog capacity); see docs/protocol.md.
	Uplink uplink.Config `mapstructure:"uplink"`
	// Scanners, Workflow and Rescan are the barcode scanners and the
	// floor workflows they drive (see docs/scanners.md).
	floor.Config `mapstructure:",squash"`
	// Report sets the report thresholds, prices and reorder points.
	Report report.Config `mapstructure:"report"`
	// CycleCount sets the counting programme (frequencies per class,
	// working days, the plan and alert topics).
	CycleCount countplan.Config `mapstructure:"cycle_count"`
	// HTTP serves /healthz, /metrics and /status.
	HTTP HTTPConfig `mapstructure:"http"`
	// Log sets the log level.
	Log LogConfig `mapstructure:"log"`
}

// LedgerConfig configures the ledger file.
type LedgerConfig struct {
	// DB is the ledger file. Default /var/lib/edged/ledger.db.
	DB string `mapstructure:"db"`
	// MaxSize bounds the file in bytes. Default 1 GiB.
	MaxSize int64 `mapstructure:"max_size"`
	// Retention keeps acknowledged events this long. Default 90 days.
	Retention time.Duration `mapstructure:"retention"`
	// PruneEvery is how often retention is applied. Default 1 hour.
	PruneEvery time.Duration `mapstructure:"prune_every"`
	// AllowNegative lists locations where on-hand may go below zero.
	AllowNegative []string `mapstructure:"allow_negative"`
}

// ReaderConfig is one LLRP reader.
type ReaderConfig struct {
	// Name identifies the reader in zones, events and health.
	Name string `mapstructure:"name"`
	// Address is host or host:port; the port defaults to 5084.
	Address string `mapstructure:"address"`
	// Profile names the reader model (llrp.LookupProfile), so its
	// antenna ports are checked before the reader is reached. Optional.
	Profile string `mapstructure:"profile"`
	// LLRP is the inventory the reader runs.
	LLRP llrp.Config `mapstructure:"llrp"`
	// Gates open and close GPI-gated zones from this reader's inputs
	// (a dock door sensor wired to GPI 1).
	Gates []GateConfig `mapstructure:"gates"`
}

// GateConfig ties a reader input to a gated zone's read window.
type GateConfig struct {
	// Port is the reader's 1-based GPI port.
	Port uint16 `mapstructure:"port"`
	// Zone is an rfid zone with gpi_gated: true.
	Zone string `mapstructure:"zone"`
	// OpenWhen is the input level that opens the window: "high"
	// (default) or "low".
	OpenWhen string `mapstructure:"open_when"`
}

// HTTPConfig is the local health endpoint.
type HTTPConfig struct {
	// Listen is the address; default 127.0.0.1:9337. "off" disables it.
	Listen string `mapstructure:"listen"`
	// HealthGrace is how long a configured reader or the uplink may be
	// down before /healthz answers 503 and `edged status` exits 1.
	// Default 1m.
	HealthGrace time.Duration `mapstructure:"health_grace"`
}

// LogConfig sets logging.
type LogConfig struct {
	// Level is debug, info, warn or error. Default info.
	Level string `mapstructure:"level"`
	// Format is text, json or journal (see internal/logfmt). Default:
	// journal when systemd gives the service's output to the journal,
	// else text.
	Format string `mapstructure:"format"`
}

// Defaults fills zero fields.
func (c *Config) Defaults() {
	def := func(p *time.Duration, v time.Duration) {
		if *p == 0 {
			*p = v
		}
	}
	if c.Ledger.DB == "" {
		c.Ledger.DB = "/var/lib/edged/ledger.db"
	}
	def(&c.Ledger.PruneEvery, time.Hour)
	def(&c.CountCycle, 5*time.Minute)
	def(&c.MQTT.DrainOnStop, 5*time.Second)
	if c.HTTP.Listen == "" {
		c.HTTP.Listen = "127.0.0.1:9337"
	}
	if c.Log.Level == "" {
		c.Log.Level = "info"
	}
}

// ReaderAddress adds the LLRP port when the address has none.
func ReaderAddress(a string) string {
	if _, _, err := net.SplitHostPort(a); err == nil {
		return a
	}
	return net.JoinHostPort(a, "5084")
}

// CheckConfig applies the defaults and validates cfg as New would.
func CheckConfig(cfg Config) (Config, error) {
	cfg.Defaults()
	return cfg, cfg.Validate()
}
