package stock

import "errors"

var (
	// ErrBadMapping means the mapping file is malformed; the message gives
	// the file, line and column to fix.
	ErrBadMapping = errors.New("bad mapping file")
	// ErrSeqGap means a gateway batch skips sequence numbers; hold it and
	// ask the gateway to resend from the last applied seq + 1.
	ErrSeqGap = errors.New("sequence gap")
	// ErrUnknownGateway means a delta came from a gateway that is not in
	// Config.Gateways; add it there or fix the gateway's id.
	ErrUnknownGateway = errors.New("unknown gateway")
	// ErrWrongSite means a gateway sent deltas for another site than the
	// one Config.Gateways binds it to; nothing of the batch is applied.
	ErrWrongSite = errors.New("delta for another site than the gateway's")
	// ErrBadDelta means a delta is malformed (no SKU, unknown kind); it is
	// kept in the rejected table and its seq still counts as applied.
	ErrBadDelta = errors.New("malformed delta")
	// ErrBadOrder means an order event lacks its channel, event id or
	// order id; the webhook handler should answer 400.
	ErrBadOrder = errors.New("malformed order event")
	// ErrNoFetcher means a status-only notification arrived for a channel
	// with no OrderFetcher configured.
	ErrNoFetcher = errors.New("no order fetcher for channel")
	// ErrStore wraps a failure of the durable store; nothing was applied.
	ErrStore = errors.New("stock store")
)
