package main

import (
	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/server"
)

// channelSecrets returns what the log must never show: the secrets in the
// channels' configuration and those the adapters used since (tokens
// renewed at run time or read from a stored connection).
func channelSecrets(c server.Channels) func() []string {
	conf := []string{
		c.Shopify.AccessToken, c.Shopify.ClientSecret,
		c.Lazada.AccessToken, c.Lazada.AppSecret,
		c.Shopee.AccessToken, c.Shopee.RefreshToken, c.Shopee.PartnerKey,
		c.TikTok.AccessToken, c.TikTok.AppSecret,
	}
	return func() []string { return append(conf[:len(conf):len(conf)], relay.KnownSecrets()...) }
}
