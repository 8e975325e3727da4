package flashsale

import (
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Config describes a sale. Zero fields take the figures.
type Config struct {
	// Orders is how many buyers try to buy one unit; default 2000.
	Orders int
	// Duration is the sale window the orders are spread over; default 60 s.
	Duration time.Duration
	// Units is the stock of the one SKU; default 100.
	Units int64
	// SafetyBuffer is the relay's safety buffer (0 is a valid choice).
	SafetyBuffer int64
	// Seed makes the order schedule reproducible.
	Seed uint64
	// SyncInterval is the baseline's schedule; default 15 minutes.
	SyncInterval time.Duration
	// Dir holds the relay's bbolt file; required unless Store is set.
	Dir string
	// Store, a PostgreSQL DSN, runs the relay as Instances instances on
	// one PostgreSQL database instead (see Options).
	Store     string
	Instances int
	// Logger defaults to discarding.
	Logger *slog.Logger
}

// Validate reports every problem.
func (c Config) Validate() error {
	var errs []error
	if c.Orders < 0 || c.Duration < 0 || c.Units < 0 || c.SafetyBuffer < 0 || c.SyncInterval < 0 {
		errs = append(errs, fmt.Errorf("orders, duration, units, safety_buffer, sync_interval: must not be negative"))
	}
	if c.Dir == "" && c.Store == "" {
		errs = append(errs, errors.New("dir: required (a directory for the relay's store), or store: a PostgreSQL DSN"))
	}
	if c.Instances < 0 || c.Instances > 1 && c.Store == "" {
		errs = append(errs, fmt.Errorf("instances: %d; more than one needs store, a PostgreSQL DSN they share", c.Instances))
	}
	return errors.Join(errs...)
}

func (c Config) withDefaults() Config {
	if c.Orders == 0 {
		c.Orders = 2000
	}
	if c.Duration == 0 {
		c.Duration = 60 * time.Second
	}
	if c.Units == 0 {
		c.Units = 100
	}
	if c.SyncInterval == 0 {
		c.SyncInterval = 15 * time.Minute
	}
	return c
}
