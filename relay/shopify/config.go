package shopify

import (
	"errors"
	"fmt"
	"net/url"
)

// Config is one Shopify shop. Zero fields take defaults.
type Config struct {
	// BaseURL is the shop, e.g. https://example.myshopify.com; required.
	BaseURL string `mapstructure:"base_url"`
	// APIVersion is the Admin API version; default 2026-04, which requires
	// changeFromQuantity and an idempotency key.
	APIVersion string `mapstructure:"api_version"`
	// AccessToken is the Admin API token; required.
	AccessToken string `mapstructure:"access_token"`
	// ClientSecret verifies webhooks; required to take orders.
	ClientSecret string `mapstructure:"client_secret"`
	// Reason is the inventory change reason; default "correction".
	Reason string `mapstructure:"reason"`
	// BatchSize is pairs per mutation; default and maximum 250.
	BatchSize int `mapstructure:"batch_size"`
	// RatePerSecond caps calls besides the cost bucket, which is the real
	// limit (THROTTLED answers are waited out); default 40.
	RatePerSecond float64 `mapstructure:"rate_per_second"`
}

// Validate reports every problem with field paths.
func (c Config) Validate() error {
	var errs []error
	if u, err := url.Parse(c.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
		errs = append(errs, fmt.Errorf("shopify.base_url: %q is not an absolute URL", c.BaseURL))
	}
	if c.AccessToken == "" {
		errs = append(errs, errors.New("shopify.access_token: required"))
	}
	if c.BatchSize < 0 || c.BatchSize > 250 {
		errs = append(errs, fmt.Errorf("shopify.batch_size: %d not in 1..250", c.BatchSize))
	}
	if c.RatePerSecond < 0 {
		errs = append(errs, fmt.Errorf("shopify.rate_per_second: %v is negative", c.RatePerSecond))
	}
	return errors.Join(errs...)
}

func (c Config) withDefaults() Config {
	if c.APIVersion == "" {
		c.APIVersion = "2026-04"
	}
	if c.Reason == "" {
		c.Reason = "correction"
	}
	if c.BatchSize == 0 {
		c.BatchSize = 250
	}
	if c.RatePerSecond == 0 {
		c.RatePerSecond = 40
	}
	return c
}
