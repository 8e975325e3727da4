package relay

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// DispatcherConfig configures a Dispatcher. Zero fields take defaults.
type DispatcherConfig struct {
	// MinBackoff is the first retry delay after a failed push; default 100ms.
	MinBackoff time.Duration `mapstructure:"min_backoff"`
	// MaxBackoff caps the doubling retry delay; default 30s.
	MaxBackoff time.Duration `mapstructure:"max_backoff"`
	// MaxHold bounds how long pushes wait for the channel's own orders to be
	// fetched (see Dispatcher.Hold); default 2s.
	MaxHold time.Duration `mapstructure:"max_hold"`
	// Secrets are redacted from the errors the status shows; nil: only
	// what [Redact] finds by pattern.
	Secrets *Secrets `mapstructure:"-"`
	// Failures, when set, records every failed push attempt (the stock
	// engine's audit trail); nil: only the status shows them.
	Failures FailureRecorder `mapstructure:"-"`
}

// PushFailure is one item of a failed push attempt and its error, with
// the secrets already redacted.
type PushFailure struct {
	Item  Item
	Error string
}

// FailureRecorder keeps failed pushes durably; stock.Engine is one.
type FailureRecorder interface {
	PushFailed(ctx context.Context, ch Channel, failed []PushFailure) error
}

// Validate reports every problem with the configuration.
func (c DispatcherConfig) Validate() error {
	var errs []error
	if c.MinBackoff < 0 {
		errs = append(errs, fmt.Errorf("min_backoff: %v is negative", c.MinBackoff))
	}
	if c.MaxBackoff < 0 || (c.MaxBackoff > 0 && c.MaxBackoff < c.MinBackoff) {
		errs = append(errs, fmt.Errorf("max_backoff: %v must be ≥ min_backoff", c.MaxBackoff))
	}
	if c.MaxHold < 0 {
		errs = append(errs, fmt.Errorf("max_hold: %v is negative", c.MaxHold))
	}
	return errors.Join(errs...)
}
