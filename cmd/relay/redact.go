package main

import (
	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/server"
)

// channelSecrets is what no output of this process may show: the secrets
// in the channels' configuration, to which the server adds those it uses
// since (tokens read from a stored connection or renewed at run time).
// The log handler, the server and its status share it.
func channelSecrets(c server.Channels) *relay.Secrets {
	return relay.NewSecrets(c.Secrets()...)
}
