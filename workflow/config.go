package workflow

import (
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/edged/edged/ledger"
)

// Config sets how scans are classified and what the stations accept.
// Every zero field means its default. Decode it from YAML with
// mapstructure (viper) and call Validate.
type Config struct {
	// CommandPrefix starts a command barcode (CMD:RECEIVE); default "CMD:".
	CommandPrefix string `mapstructure:"command_prefix"`
	// LocationPrefix starts a location barcode (LOC:A-01-02); default "LOC:".
	LocationPrefix string `mapstructure:"location_prefix"`
	// LocationPattern is a regular expression for location labels
	// printed without the prefix (e.g. ^[A-Z]-\d{2}-\d{2}$); default none.
	LocationPattern string `mapstructure:"location_pattern"`
	// QuantityPrefix starts a quantity barcode (QTY:12); default "QTY:".
	QuantityPrefix string `mapstructure:"quantity_prefix"`
	// BareQuantityMax makes a bare integer up to this value a quantity
	// (ERP.net style); default 0, off.
	BareQuantityMax int64 `mapstructure:"bare_quantity_max"`
	// OrderPrefix starts an order barcode; default "ORD:".
	OrderPrefix string `mapstructure:"order_prefix"`
	// UserPrefix starts a worker's badge; default "USR:".
	UserPrefix string `mapstructure:"user_prefix"`
	// CountPrefix starts a count session id (CNT:C-2026-11) in count
	// mode: item scans then record count lines in that open session
	// (ledger count start) instead of posting count events; default "CNT:".
	CountPrefix string `mapstructure:"count_prefix"`
	// LPNPattern is a regular expression for internal licence plates; an
	// SSCC (GS1 AI 00) is always a licence plate. Default none.
	LPNPattern string `mapstructure:"lpn_pattern"`
	// MaxQuantity bounds a scanned quantity; default 9999.
	MaxQuantity int64 `mapstructure:"max_quantity"`
	// IdleReset clears the station (mode, location, user, ...) when no
	// scan came for this long; default 5m, negative never.
	IdleReset time.Duration `mapstructure:"idle_reset"`
	// Debounce drops the same barcode scanned again on the same station
	// in the same mode within this window; default 500ms, negative off.
	Debounce time.Duration `mapstructure:"debounce"`
	// DebounceByMode overrides Debounce per mode (receive, pick, return,
	// count, move); a negative value turns it off for that mode.
	DebounceByMode map[string]time.Duration `mapstructure:"debounce_by_mode"`
	// DefaultMode is the mode after start and after an idle reset;
	// default none (the worker scans a mode command first).
	DefaultMode string `mapstructure:"default_mode"`
	// RequireUser rejects item scans until a badge was scanned.
	RequireUser bool `mapstructure:"require_user"`
	// UnitCosts gives the receipt cost per SKU as a decimal string.
	UnitCosts map[string]string `mapstructure:"unit_costs"`
	// DefaultUnitCost is the receipt cost of SKUs not in UnitCosts;
	// default none (such receipts are rejected).
	DefaultUnitCost string `mapstructure:"default_unit_cost"`
}

// Defaults for Config's zero fields.
const (
	DefaultMaxQuantity = 9999
	DefaultIdleReset   = 5 * time.Minute
	DefaultDebounce    = 500 * time.Millisecond
)

// Validate returns every problem, each with its field path.
func (c Config) Validate() error {
	var errs []error
	bad := func(path, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: %s", ErrConfig, path, fmt.Sprintf(format, args...)))
	}
	for path, re := range map[string]string{"location_pattern": c.LocationPattern, "lpn_pattern": c.LPNPattern} {
		if _, err := regexp.Compile(re); err != nil {
			bad(path, "%v", err)
		}
	}
	if c.MaxQuantity < 0 || c.MaxQuantity > ledger.MaxQty {
		bad("max_quantity", "%d must be 1 to %d", c.MaxQuantity, ledger.MaxQty)
	}
	if c.BareQuantityMax < 0 {
		bad("bare_quantity_max", "%d must not be negative", c.BareQuantityMax)
	}
	if _, ok := parseMode(c.DefaultMode); !ok && c.DefaultMode != "" {
		bad("default_mode", "%q is not one of %v", c.DefaultMode, modeNames())
	}
	for m := range c.DebounceByMode {
		if _, ok := parseMode(m); !ok {
			bad("debounce_by_mode."+m, "not a mode; use one of %v", modeNames())
		}
	}
	errs = append(errs, c.validateCosts()...)
	errs = append(errs, c.validatePrefixes()...)
	return errors.Join(errs...)
}

func (c Config) validateCosts() []error {
	var errs []error
	check := func(path, v string) {
		if n, err := ledger.ParseDecimal(v); err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("%w: %s: %q is not a decimal cost like \"12.50\"", ErrConfig, path, v))
		}
	}
	for sku, v := range c.UnitCosts {
		check("unit_costs."+sku, v)
	}
	if c.DefaultUnitCost != "" {
		check("default_unit_cost", c.DefaultUnitCost)
	}
	return errs
}

// validatePrefixes refuses two kinds of barcode sharing a prefix, which
// would make classification depend on order.
func (c Config) validatePrefixes() []error {
	d := c.withDefaults()
	seen := map[string]string{}
	var errs []error
	for _, p := range [][2]string{{"command_prefix", d.CommandPrefix}, {"location_prefix", d.LocationPrefix},
		{"quantity_prefix", d.QuantityPrefix}, {"order_prefix", d.OrderPrefix}, {"user_prefix", d.UserPrefix},
		{"count_prefix", d.CountPrefix}} {
		if prev, dup := seen[p[1]]; dup {
			errs = append(errs, fmt.Errorf("%w: %s: %q is also %s", ErrConfig, p[0], p[1], prev))
		}
		seen[p[1]] = p[0]
	}
	return errs
}

func (c Config) withDefaults() Config {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&c.CommandPrefix, "CMD:")
	def(&c.LocationPrefix, "LOC:")
	def(&c.QuantityPrefix, "QTY:")
	def(&c.OrderPrefix, "ORD:")
	def(&c.UserPrefix, "USR:")
	def(&c.CountPrefix, "CNT:")
	if c.MaxQuantity == 0 {
		c.MaxQuantity = DefaultMaxQuantity
	}
	if c.IdleReset == 0 {
		c.IdleReset = DefaultIdleReset
	}
	if c.Debounce == 0 {
		c.Debounce = DefaultDebounce
	}
	return c
}
