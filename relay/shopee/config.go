package shopee

import (
	"errors"
	"fmt"
	"net/url"
)

// Config is one Shopee shop. Zero fields take defaults.
type Config struct {
	// BaseURL is the API host, e.g. https://partner.shopeemobile.com; required.
	BaseURL string `mapstructure:"base_url"`
	// PartnerID and PartnerKey identify the app; required.
	PartnerID  int64  `mapstructure:"partner_id"`
	PartnerKey string `mapstructure:"partner_key"`
	// ShopID is the shop; required.
	ShopID int64 `mapstructure:"shop_id"`
	// AccessToken (4 h) and RefreshToken (30 days) are the shop's tokens;
	// empty when they come from a stored connection (`relay connect
	// shopee`). The client never refreshes by itself: the token refresher
	// does, through Auth.Refresh, and hands the result to SetToken.
	AccessToken  string `mapstructure:"access_token"`
	RefreshToken string `mapstructure:"refresh_token"`
	// CallbackURL is the push URL exactly as registered with Shopee; the
	// push signature covers it. Required to take pushes.
	CallbackURL string `mapstructure:"callback_url"`
	// RatePerSecond caps calls per API path (burst 5); default 40 (Shopee publishes no
	// limit; developers report throttling near 100/s).
	RatePerSecond float64 `mapstructure:"rate_per_second"`
}

// Validate reports every problem with field paths.
func (c Config) Validate() error {
	var errs []error
	if u, err := url.Parse(c.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
		errs = append(errs, fmt.Errorf("shopee.base_url: %q is not an absolute URL", c.BaseURL))
	}
	if c.PartnerID <= 0 || c.ShopID <= 0 {
		errs = append(errs, fmt.Errorf("shopee.partner_id, shopee.shop_id: required positive ids, got %d, %d", c.PartnerID, c.ShopID))
	}
	if c.PartnerKey == "" {
		errs = append(errs, errors.New("shopee.partner_key: required"))
	}
	if c.RatePerSecond < 0 {
		errs = append(errs, fmt.Errorf("shopee.rate_per_second: %v is negative", c.RatePerSecond))
	}
	return errors.Join(errs...)
}
