package connect

import (
	"time"

	"github.com/edged/edged/relay"
)

// Status is one channel's connection as the status page and logs show it;
// it never holds a token.
type Status struct {
	Channel relay.Channel `json:"channel"`
	// Connected is set once a stored connection was opened.
	Connected bool     `json:"connected"`
	Shop      string   `json:"shop,omitempty"`
	Scopes    []string `json:"scopes,omitempty"`
	// AccessExpires and RefreshExpires are zero for tokens that do not
	// expire.
	AccessExpires  time.Time `json:"access_expires,omitzero"`
	RefreshExpires time.Time `json:"refresh_expires,omitzero"`
	// Version is the stored connection's version in use.
	Version uint64 `json:"version,omitempty"`
	// LastRefresh is when this instance last renewed the token.
	LastRefresh time.Time `json:"last_refresh,omitzero"`
	// LastError is the last failure, empty after a success. Permanent
	// marks one that only `relay connect` fixes.
	LastError string `json:"last_error,omitempty"`
	Permanent bool   `json:"permanent,omitempty"`
	// Warning says the refresh token runs out soon.
	Warning string `json:"warning,omitempty"`
}

func (s *Status) token(t relay.Token, ver uint64) {
	s.Connected, s.Version = true, ver
	s.Shop, s.Scopes = t.Shop, append([]string(nil), t.Scopes...)
	s.AccessExpires, s.RefreshExpires = t.AccessExpires, t.RefreshExpires
}
