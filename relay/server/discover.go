package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/discover"
)

// DefaultDiscoverEvery is the drift check's period when discover_every is
// not set.
const DefaultDiscoverEvery = 6 * time.Hour

// ListingReaders builds the configured channels' clients, as the relay
// does, for reading their listings (relay mapping discover).
func ListingReaders(c Channels, hc *http.Client, log *slog.Logger) (map[relay.Channel]relay.ListingReader, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b, err := buildAdapters(c, hc, log)
	if err != nil {
		return nil, err
	}
	return listingReaders(b.pushers), nil
}

func listingReaders(pushers map[relay.Channel]relay.Pusher) map[relay.Channel]relay.ListingReader {
	out := map[relay.Channel]relay.ListingReader{}
	for ch, p := range pushers {
		if r, ok := p.(relay.ListingReader); ok {
			out[ch] = r
		}
	}
	return out
}

// discoverEvery is the configured drift period: nil is the default, 0 off.
func (c *Config) discoverEvery() time.Duration {
	if c.DiscoverEvery == nil {
		return DefaultDiscoverEvery
	}
	return *c.DiscoverEvery
}

// newDrift is the scheduled mapping check; it runs on the instance that
// owns a channel (on one relay, always), so a fleet reads the channels'
// listings once per period; nil when discover_every is 0.
func (s *Server) newDrift(pushers map[relay.Channel]relay.Pusher) *discover.Drift {
	if s.cfg.discoverEvery() == 0 {
		return nil
	}
	owned := func() bool {
		for _, g := range s.gates {
			if g.Owned() {
				return true
			}
		}
		return false
	}
	return discover.NewDrift(discover.DriftOptions{Readers: listingReaders(pushers), Loaded: s.parts.Mapping,
		Every: s.cfg.discoverEvery(), Active: owned, Logger: s.log.With("part", "discover")})
}

// driftCheck is the last drift check, for the status page.
func (s *Server) driftCheck() (discover.Check, bool) { return s.drift.Last() }
