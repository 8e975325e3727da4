package gateway

import (
	"errors"
	"fmt"
	"net"
	"strings"
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
}

// LogConfig sets logging.
type LogConfig struct {
	// Level is debug, info, warn or error. Default info.
	Level string `mapstructure:"level"`
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
	if err := c.RFID.Validate(); err != nil && (len(c.RFID.Zones) > 0 || len(c.Readers) > 0) {
		errs = append(errs, prefixed("rfid.", err))
	}
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
		if _, _, err := net.SplitHostPort(ReaderAddress(r.Address)); err != nil || r.Address == "" {
			errs = append(errs, fmt.Errorf("%s.address: %q is not host or host:port", p, r.Address))
		}
		if err := r.LLRP.Validate(llrp.Capabilities{}); err != nil {
			errs = append(errs, prefixed(p+".llrp.", err))
		}
	}
	return errs
}

// validateAntennas: every antenna in a zone names a configured reader,
// and every gate a gated zone.
func (c *Config) validateAntennas() []error {
	names := map[string]bool{}
	for _, r := range c.Readers {
		names[r.Name] = true
	}
	errs := c.validateGates()
	for zi, z := range c.RFID.Zones {
		for li, l := range z.Locations {
			for ai, a := range l.Antennas {
				if !names[a.Reader] {
					errs = append(errs, fmt.Errorf("rfid.zones[%d].locations[%d].antennas[%d].reader: %q is not a configured reader", zi, li, ai, a.Reader))
				}
			}
		}
	}
	for i, sc := range c.Scanners {
		if sc.Light.Reader != "" && !names[sc.Light.Reader] {
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

// ReaderAddress adds the LLRP port when the address has none.
func ReaderAddress(a string) string {
	if _, _, err := net.SplitHostPort(a); err == nil {
		return a
	}
	return net.JoinHostPort(a, "5084")
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
			msg := strings.TrimPrefix(line, pkg)
			if msg == "invalid configuration" || msg == "" {
				continue
			}
			out = append(out, &sectionError{prefix + msg, e})
		}
	}
	return errors.Join(out...)
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

// CheckConfig applies the defaults and validates cfg as New would.
func CheckConfig(cfg Config) (Config, error) {
	cfg.Defaults()
	return cfg, cfg.Validate()
}
