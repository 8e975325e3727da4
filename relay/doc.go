// Package relay holds the types shared by the stock core (relay/stock) and
// the marketplace adapters (relay/shopify, relay/lazada, relay/shopee,
// relay/tiktok): channel identifiers, the quantity items pushed to a
// channel, normalised order events, and the push machinery common to every
// channel.
//
// # Pushing
//
// A [Dispatcher] owns one channel. The stock core hands it the latest
// quantity per (channel, SKU, site) with [Dispatcher.Enqueue]; a burst of
// changes to one key collapses into one pending item (latest value wins).
// [Dispatcher.Run] drains the pending set through the channel's [Pusher],
// retries what failed with capped exponential backoff that honours a
// server's Retry-After ([RetryAfterError]), and records permanent failures
// ([ErrPermanent]) in its [ChannelStatus] instead of retrying them forever.
//
// # Rate limits
//
// [Limiter] is a token bucket that adapters wait on before each API call,
// so a channel stays under its published request rate.
package relay
