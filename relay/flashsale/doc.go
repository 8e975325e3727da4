// Package flashsale wires the stock engine, the four channel adapters and
// their simulators into one running relay on 127.0.0.1, and runs the
// flash-sale simulation of issue 7 against it: one SKU, four channels, a
// burst of orders spread across the channels, each simulator deducting its
// own sales while the relay propagates them.
//
// [NewRig] builds the setup (usable by `edged demo`): one relay on bbolt,
// or several relay instances on one PostgreSQL store with the webhooks
// spread over them ([Options.Store]). [Rig.Run] runs the relay's
// long-lived parts, and [Simulate] runs a sale and measures oversold units
// and the time from a sale on one channel to the new quantity on all the
// others, next to a baseline that syncs every 15 minutes ([Baseline]).
package flashsale
