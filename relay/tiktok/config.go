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
	// AccessToken is the seller token sent as x-tts-access-token; empty
	// when the token comes from a stored connection (`relay connect tiktok`).
	AccessToken string `mapstructure:"access_token"`
	// ShopCipher selects the shop (from Get Authorized Shops); empty when
	// it comes with the stored connection.
	ShopCipher string `mapstructure:"shop_cipher"`
	// AuthURL is the token host; default https://auth.tiktok-shops.com.
	AuthURL string `mapstructure:"auth_url"`
	// AuthorizeURL is the seller grant page's host; default
	// https://services.tiktokshop.com.
	AuthorizeURL string `mapstructure:"authorize_url"`
	// ServiceID is the app's service id on the grant page; required to connect.
	ServiceID string `mapstructure:"service_id"`
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
	for name, v := range map[string]string{"auth_url": c.AuthURL, "authorize_url": c.AuthorizeURL} {
		if u, err := url.Parse(v); v != "" && (err != nil || u.Scheme == "" || u.Host == "") {
			errs = append(errs, fmt.Errorf("tiktok.%s: %q is not an absolute URL", name, v))
		}
	}
	for name, v := range map[string]string{"app_key": c.AppKey, "app_secret": c.AppSecret} {
		if v == "" {
			errs = append(errs, fmt.Errorf("tiktok.%s: required", name))
		}
	}
	if c.RatePerSecond < 0 || c.RatePerSecond > 50 {
		errs = append(errs, fmt.Errorf("tiktok.rate_per_second: %v not in 0..50", c.RatePerSecond))
	}
	return errors.Join(errs...)
}
