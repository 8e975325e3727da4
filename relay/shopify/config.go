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
	// AccessToken is the Admin API token; empty when the token comes from
	// a stored connection (`relay connect shopify`).
	AccessToken string `mapstructure:"access_token"`
	// ClientSecret verifies webhooks; required to take orders and to connect.
	ClientSecret string `mapstructure:"client_secret"`
	// ClientID is the app's client id (API key); required to connect.
	ClientID string `mapstructure:"client_id"`
	// Scopes are the access scopes asked for when connecting; default
	// write_inventory, read_inventory, read_orders.
	Scopes []string `mapstructure:"scopes"`
	// Shop is the shop's myshopify.com domain, as Shopify names it in the
	// OAuth redirect; default the host of base_url.
	Shop string `mapstructure:"shop"`
	// ExpiringTokens asks for expiring offline tokens (1 h, with a refresh
	// token) when connecting.
	ExpiringTokens bool `mapstructure:"expiring_tokens"`
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
	if c.Shop != "" && !shopDomain.MatchString(c.Shop) {
		errs = append(errs, fmt.Errorf("shopify.shop: %q is not a name.myshopify.com domain", c.Shop))
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
