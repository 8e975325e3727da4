package server

import (
	"log/slog"
	"net/http"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/tiktok"
)

type hookFor = func(relay.OrderSink) http.Handler

// built are the configured channels' adapters.
type built struct {
	pushers  map[relay.Channel]relay.Pusher
	fetchers map[relay.Channel]stock.OrderFetcher
	hooks    map[relay.Channel]hookFor
	shopee   *shopee.Client // nil unless configured: it also watches promotion locks
}

// buildChannels makes an adapter for every configured channel.
func buildChannels(c Channels, hc *http.Client, log *slog.Logger) (built, error) {
	b, err := buildAdapters(c, hc, log)
	if err == nil && c.Shopee.BaseURL != "" {
		b.shopee = b.pushers[relay.Shopee].(*shopee.Client)
	}
	return b, err
}

func buildAdapters(c Channels, hc *http.Client, log *slog.Logger) (built, error) {
	pushers := map[relay.Channel]relay.Pusher{}
	fetchers := map[relay.Channel]stock.OrderFetcher{}
	hooks := map[relay.Channel]hookFor{}
	if c.Shopify.BaseURL != "" {
		cl, err := shopify.New(c.Shopify, hc, log.With("channel", relay.Shopify))
		if err != nil {
			return built{}, err
		}
		pushers[relay.Shopify], hooks[relay.Shopify] = cl, cl.Handler
	}
	if c.Lazada.BaseURL != "" {
		cl, err := lazada.New(c.Lazada, hc, log.With("channel", relay.Lazada))
		if err != nil {
			return built{}, err
		}
		pushers[relay.Lazada], fetchers[relay.Lazada], hooks[relay.Lazada] = cl, cl, cl.Handler
	}
	if c.Shopee.BaseURL != "" {
		cl, err := shopee.New(c.Shopee, hc, log.With("channel", relay.Shopee))
		if err != nil {
			return built{}, err
		}
		pushers[relay.Shopee], fetchers[relay.Shopee], hooks[relay.Shopee] = cl, cl, cl.Handler
	}
	if c.TikTok.BaseURL != "" {
		cl, err := tiktok.New(c.TikTok, hc, log.With("channel", relay.TikTok))
		if err != nil {
			return built{}, err
		}
		pushers[relay.TikTok], fetchers[relay.TikTok], hooks[relay.TikTok] = cl, cl, cl.Handler
	}
	return built{pushers: pushers, fetchers: fetchers, hooks: hooks}, nil
}
