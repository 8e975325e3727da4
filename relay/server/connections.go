package server

import (
	"errors"
	"fmt"
	"net/http"
	"sort"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/tiktok"
)

// Authorizer builds a configured channel's OAuth flow (relay connect and
// the token refresher).
func Authorizer(c Channels, ch relay.Channel, hc *http.Client) (relay.Authorizer, error) {
	var a relay.Authorizer
	var err error
	base := ""
	switch ch {
	case relay.Shopify:
		base = c.Shopify.BaseURL
		a, err = shopify.NewAuth(c.Shopify, hc, nil)
	case relay.Lazada:
		base = c.Lazada.BaseURL
		a, err = lazada.NewAuth(c.Lazada, hc, nil)
	case relay.Shopee:
		base = c.Shopee.BaseURL
		a, err = shopee.NewAuth(c.Shopee, hc, nil)
	case relay.TikTok:
		base = c.TikTok.BaseURL
		a, err = tiktok.NewAuth(c.TikTok, hc, nil)
	default:
		return nil, fmt.Errorf("unknown channel %q: give one of %v", ch, relay.Channels())
	}
	if base == "" {
		return nil, fmt.Errorf("channels.%s.base_url: not configured; configure the channel (its app's keys) before connecting it", ch)
	}
	if err != nil {
		return nil, fmt.Errorf("channels.%s: %w", ch, err)
	}
	return a, nil
}

// newRefresher keeps the stored connections of the channels whose
// clients take tokens; nil without a secrets key (every channel then
// uses its configured token).
func (s *Server) newRefresher(pushers map[relay.Channel]relay.Pusher) (*connect.Refresher, error) {
	if s.parts.Key == nil {
		if s.cfg.Secrets.Configured() {
			return nil, errors.New("secrets: a key source is configured but no key was read")
		}
		return nil, nil
	}
	store, ok := s.store.(connect.Store)
	if !ok {
		return nil, fmt.Errorf("store %T keeps no connections", s.store)
	}
	vault, err := connect.NewVault(s.parts.Key)
	if err != nil {
		return nil, fmt.Errorf("secrets: %w", err)
	}
	links := map[relay.Channel]connect.Link{}
	chans := make([]relay.Channel, 0, len(pushers))
	for ch := range pushers {
		chans = append(chans, ch)
	}
	sort.Slice(chans, func(i, j int) bool { return chans[i] < chans[j] })
	for _, ch := range chans {
		user, ok := pushers[ch].(relay.TokenUser)
		if !ok {
			continue
		}
		auth, err := Authorizer(s.cfg.Channels, ch, s.parts.HTTPClient)
		if err != nil {
			s.log.Warn("stored connection not refreshed: the channel lacks its app's keys", "channel", ch, "err", err)
			continue
		}
		links[ch] = connect.Link{Auth: auth, User: learning{user, s.parts.Secrets}}
	}
	owned := func(ch relay.Channel) bool { g := s.gates[ch]; return g != nil && g.Owned() }
	return connect.NewRefresher(connect.Options{Store: store, Vault: vault, Channels: links, Owned: owned,
		WarnBefore: s.cfg.Secrets.WarnBefore(), Logger: s.log.With("part", "connect")}), nil
}

// Connections is the stored connections' status; nil without a secrets
// key.
func (s *Server) Connections() []connect.Status {
	if s.conns == nil {
		return nil
	}
	return s.conns.Status()
}

// learning hands tokens to a channel's client and remembers them as
// secrets, so that no output point shows a token obtained at run time.
type learning struct {
	relay.TokenUser
	secrets *relay.Secrets
}

func (l learning) SetToken(t relay.Token) {
	l.secrets.AddToken(t)
	l.TokenUser.SetToken(t)
}
