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
// so a channel stays under its published request rate; [PathLimiter] keeps
// one per API path, so order fetches never queue behind stock pushes.
//
// # Orders
//
// [WebhookHandler] verifies, decodes and stores one channel's
// notifications through an [OrderSink] (stock.Engine) before answering.
// While a channel's status-only order is being fetched, the engine holds
// that channel's pushes ([Dispatcher.Hold]): an absolute quantity computed
// without the sale would put the sold unit back on sale.
//
// # Packages
//
//   - relay/stock: master stock, reservations, quantities, mapping file,
//     Store (bbolt by default).
//   - relay/shopify, relay/lazada, relay/shopee, relay/tiktok: adapters
//     (Pusher, OrderFetcher, webhook Handler); each has a simulator in a
//     ...sim subpackage built on relay/simkit.
//   - relay/flashsale: all of the above wired on 127.0.0.1, the flash-sale
//     simulation and its benchmark.
package relay
