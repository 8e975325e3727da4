package lazada

import (
	"errors"
	"fmt"
	"net/url"
)

// Config is one Lazada seller account. Zero fields take defaults.
type Config struct {
	// BaseURL is the country endpoint including /rest, e.g.
	// https://api.lazada.sg/rest; required.
	BaseURL string `mapstructure:"base_url"`
	// AppKey and AppSecret identify the app; required.
	AppKey    string `mapstructure:"app_key"`
	AppSecret string `mapstructure:"app_secret"`
	// AccessToken is the seller's token; empty when the token comes from a
	// stored connection (`relay connect lazada`).
	AccessToken string `mapstructure:"access_token"`
	// AuthURL is the OAuth API base including /rest; default
	// https://auth.lazada.com/rest. The grant page is /oauth/authorize on
	// the same host.
	AuthURL string `mapstructure:"auth_url"`
	// BatchSize is SKUs per call: default 20 (Lazada's advice), at most 50.
	BatchSize int `mapstructure:"batch_size"`
	// RatePerSecond caps calls per API path (burst 5); default 40, so that
	// no second sees more than the seller limit of 50.
	RatePerSecond float64 `mapstructure:"rate_per_second"`
}

// Validate reports every problem with field paths.
func (c Config) Validate() error {
	var errs []error
	if u, err := url.Parse(c.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
		errs = append(errs, fmt.Errorf("lazada.base_url: %q is not an absolute URL", c.BaseURL))
	}
	if u, err := url.Parse(c.AuthURL); c.AuthURL != "" && (err != nil || u.Scheme == "" || u.Host == "") {
		errs = append(errs, fmt.Errorf("lazada.auth_url: %q is not an absolute URL", c.AuthURL))
	}
	for name, v := range map[string]string{"app_key": c.AppKey, "app_secret": c.AppSecret} {
		if v == "" {
			errs = append(errs, fmt.Errorf("lazada.%s: required", name))
		}
	}
	if c.BatchSize < 0 || c.BatchSize > 50 {
		errs = append(errs, fmt.Errorf("lazada.batch_size: %d not in 1..50", c.BatchSize))
	}
	if c.RatePerSecond < 0 || c.RatePerSecond > 50 {
		errs = append(errs, fmt.Errorf("lazada.rate_per_second: %v not in 0..50", c.RatePerSecond))
	}
	return errors.Join(errs...)
}

func (c Config) withDefaults() Config {
	if c.BatchSize == 0 {
		c.BatchSize = 20
	}
	if c.RatePerSecond == 0 {
		c.RatePerSecond = 40
	}
	return c
}
