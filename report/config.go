package report

import (
	"errors"
	"fmt"
	"time"
)

// Config sets the thresholds of the reports. The zero value of every
// field means its default.
type Config struct {
	// ABC sets the class shares and the sales period.
	ABC ABCConfig `mapstructure:"abc"`
	// Tolerance is the allowed count variance per class, in percent of
	// the book. Default A 1, B 3, C 5. Serialized items must count exact.
	Tolerance Tolerance `mapstructure:"tolerance"`
	// DeadStockDays is how long without a sale makes stock dead.
	// Default 180.
	DeadStockDays int `mapstructure:"dead_stock_days"`
	// SlowShare is the share of stocked SKUs, slowest first, reported as
	// slow movers. Default 0.10.
	SlowShare float64 `mapstructure:"slow_share"`
	// ChartSKUs is how many of the fastest SKUs the stock-over-time chart
	// draws. Default 5.
	ChartSKUs int `mapstructure:"chart_skus"`
	// Items are sale prices, reorder points and safety stock per SKU.
	Items []Item `mapstructure:"items"`
}

// ABCConfig sets the ABC classification.
type ABCConfig struct {
	// AShare is the share of units sold that the A class makes. Default 0.80.
	AShare float64 `mapstructure:"a_share"`
	// BShare is the share after A that the B class makes. Default 0.15.
	BShare float64 `mapstructure:"b_share"`
	// Period is how far back sales are counted. Default 90 days.
	Period time.Duration `mapstructure:"period"`
}

// Tolerance is the allowed |counted − book| per class, in percent.
type Tolerance struct {
	A float64 `mapstructure:"a"`
	B float64 `mapstructure:"b"`
	C float64 `mapstructure:"c"`
}

const day = 24 * time.Hour

// WithDefaults returns c with every zero field set to its default.
func (c Config) WithDefaults() Config {
	c.ABC.AShare = orFloat(c.ABC.AShare, 0.80)
	c.ABC.BShare = orFloat(c.ABC.BShare, 0.15)
	if c.ABC.Period == 0 {
		c.ABC.Period = 90 * day
	}
	c.Tolerance.A = orFloat(c.Tolerance.A, 1)
	c.Tolerance.B = orFloat(c.Tolerance.B, 3)
	c.Tolerance.C = orFloat(c.Tolerance.C, 5)
	c.DeadStockDays = orInt(c.DeadStockDays, 180)
	c.SlowShare = orFloat(c.SlowShare, 0.10)
	c.ChartSKUs = orInt(c.ChartSKUs, 5)
	return c
}

// Validate reports every invalid field at once, each with its path
// under prefix (e.g. "report").
func (c Config) Validate(prefix string) error {
	d := c.WithDefaults()
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s.%s: "+format, append([]any{ErrConfig, prefix, field}, args...)...))
	}
	if d.ABC.AShare <= 0 || d.ABC.BShare <= 0 || d.ABC.AShare+d.ABC.BShare >= 1 {
		bad("abc", "a_share %g and b_share %g must be positive and sum to less than 1", d.ABC.AShare, d.ABC.BShare)
	}
	if d.ABC.Period < day {
		bad("abc.period", "%s is shorter than one day", d.ABC.Period)
	}
	for name, v := range map[string]float64{"a": d.Tolerance.A, "b": d.Tolerance.B, "c": d.Tolerance.C} {
		if v < 0 || v > 100 {
			bad("tolerance."+name, "%g%% is outside 0..100", v)
		}
	}
	if d.DeadStockDays < 1 {
		bad("dead_stock_days", "%d must be at least 1", d.DeadStockDays)
	}
	if d.SlowShare <= 0 || d.SlowShare >= 1 {
		bad("slow_share", "%g must be between 0 and 1", d.SlowShare)
	}
	if d.ChartSKUs < 1 || d.ChartSKUs > 20 {
		bad("chart_skus", "%d must be 1..20", d.ChartSKUs)
	}
	errs = append(errs, validateItems(prefix+".items", c.Items)...)
	return errors.Join(errs...)
}

func orFloat(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

func orInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
