package stock

import (
	"errors"
	"fmt"

	"github.com/edged/edged/relay"
)

// Config tunes the engine. The zero Config accepts every gateway and holds
// no safety buffer.
type Config struct {
	// SafetyBuffer is subtracted from every channel's quantity so that a sale
	// racing a push cannot oversell; 2 is a good start for flash sales.
	SafetyBuffer int64 `mapstructure:"safety_buffer"`
	// ChannelBuffer overrides SafetyBuffer per channel (shopify, lazada,
	// shopee, tiktok).
	ChannelBuffer map[string]int64 `mapstructure:"channel_buffer"`
	// Gateways, when not empty, binds each gateway id allowed to send
	// deltas to the one site it reports for ({gw-a: site-a}): others get
	// ErrUnknownGateway, a batch for another site ErrWrongSite. The
	// binding keeps one compromised gateway from changing the stock of
	// another warehouse.
	Gateways GatewaySites `mapstructure:"gateways"`
}

// Validate reports every problem with field paths.
func (c Config) Validate() error {
	var errs []error
	if c.SafetyBuffer < 0 {
		errs = append(errs, fmt.Errorf("safety_buffer: %d is negative", c.SafetyBuffer))
	}
	for ch, n := range c.ChannelBuffer {
		if !relay.Channel(ch).Valid() {
			errs = append(errs, fmt.Errorf("channel_buffer.%s: unknown channel (shopify, lazada, shopee, tiktok)", ch))
		}
		if n < 0 {
			errs = append(errs, fmt.Errorf("channel_buffer.%s: %d is negative", ch, n))
		}
	}
	errs = append(errs, c.Gateways.validate()...)
	return errors.Join(errs...)
}

func (c Config) buffer(ch relay.Channel) int64 {
	if n, ok := c.ChannelBuffer[string(ch)]; ok {
		return n
	}
	return c.SafetyBuffer
}
