// Package stock is the relay's core: the master stock per SKU and site, the
// reservations that marketplace orders hold, and the quantity each channel
// should show.
//
// # Flow
//
// Warehouse deltas arrive through [Engine.ApplyBatch] (or [Engine.ApplyDelta])
// keyed by (gateway, seq): repeats are ignored, a gap is refused with
// [ErrSeqGap] so the intake can hold it and ask for a resync, and a batch is
// durable in the [Store] before the call returns, so the intake may
// acknowledge it then. Marketplace orders arrive through
// [Engine.AcceptOrder], deduplicated by the delivery's event id and durable
// before the webhook is answered; notifications that carry only a status are
// queued in a durable inbox and resolved by [Engine.Run] with the channel's
// [OrderFetcher].
//
// # Quantities
//
// After every change the engine recomputes, for each channel listing of the
// SKUs it touched (from the [Mapping]), on hand − open reservations − safety
// buffer − other channels' campaign locks, floored at zero, and hands it to
// that channel's [Enqueuer] (a relay.Dispatcher), which keeps the latest
// value per listing.
//
// # Reservations
//
// An open order reserves its lines at the site its listing maps to. A pick
// or sale delta that names the order releases that order's reservation;
// without a reference it releases the oldest reservation of the SKU. A
// cancellation releases what is left. A marketplace return changes nothing:
// the unit is restocked only by the warehouse's return delta.
package stock
