package tiktok

import (
	"errors"
	"fmt"
	"net/url"
)

// Config is one TikTok Shop. Zero fields take defaults.
type Config struct {
	// BaseURL is the API host, e.g. https://open-api.tiktokglobalshop.com; required.
	BaseURL string `mapstructure:"base_url"`
	// AppKey and AppSecret identify the app; required.
	AppKey    string `mapstructure:"app_key"`
	AppSecret string `mapstructure:"app_secret"`
	// AccessToken is the seller token sent as x-tts-access-token; required.
	AccessToken string `mapstructure:"access_token"`
	// ShopCipher selects the shop (from Get Authorized Shops); required.
	ShopCipher string `mapstructure:"shop_cipher"`
	// RatePerSecond caps calls per API path (burst 5); default 40, under the
	// 50 QPS per API limit.
	RatePerSecond float64 `mapstructure:"rate_per_second"`
}

// Validate reports every problem with field paths.
func (c Config) Validate() error {
	var errs []error
	if u, err := url.Parse(c.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
		errs = append(errs, fmt.Errorf("tiktok.base_url: %q is not an absolute URL", c.BaseURL))
	}
	for name, v := range map[string]string{"app_key": c.AppKey, "app_secret": c.AppSecret, "access_token": c.AccessToken, "shop_cipher": c.ShopCipher} {
		if v == "" {
			errs = append(errs, fmt.Errorf("tiktok.%s: required", name))
		}
	}
	if c.RatePerSecond < 0 || c.RatePerSecond > 50 {
		errs = append(errs, fmt.Errorf("tiktok.rate_per_second: %v not in 0..50", c.RatePerSecond))
	}
	return errors.Join(errs...)
}
