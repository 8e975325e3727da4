// Package fleet lets several relay instances share one store with exactly
// one pusher per channel.
//
// Each instance runs a Manager. Every TTL/3 it renews its heartbeat and
// tries to take or renew each channel's lease; the store's clock decides
// expiry, and each new owner gets the next epoch. The store also knows
// whether an owner's session with it still lives (pgstore: the backend
// of the connection the owner renews on), and every watchEvery the
// Manager asks it for leases whose owner died, which it takes at once
// instead of after the TTL.
//
// A Gate in front of a channel's dispatcher passes quantities only while
// this instance owns the channel, and a Pusher in front of the channel's
// adapter checks the lease before every push and cuts the push off
// before the lease could have passed to another instance, and after the
// push timeout at the latest, so a deposed owner that wakes up cannot
// push an older quantity over a newer one. A lease taken early (its
// owner's session ended, but the owner may be alive and cut off) is
// settled: once the push timeout has passed, the new owner pushes again
// what it pushed since. Pending quantities live in the store's outbox, so
// a new owner resumes them.
//
// With one instance on bbolt, Local stands in for the lease table: it
// always grants the lease.
package fleet
