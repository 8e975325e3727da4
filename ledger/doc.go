// Package ledger is the perpetual stock system of record of one warehouse
// site, kept in a single bbolt file.
//
// # Model
//
// Every stock movement is an Event (receive, sale, return, transfer,
// adjust, count, baseline). The ledger assigns it a gap-free sequence
// number, turns it into postings on (sku, location, state) balances,
// updates FIFO cost layers, hash-chains it to the previous event and
// commits all of it in one bbolt transaction. Append returns only after
// that commit is durable (two fdatasyncs), so an acknowledged event
// survives a power cut.
//
// # Idempotency
//
// The client supplies the event id. Re-sending the same id with the same
// payload returns the original sequence number as a duplicate; the same
// id with a different payload fails with ErrIDConflict. Rejected events
// (for example ErrNegativeStock) are not remembered: a retry after a
// receipt may succeed.
//
// # Group commit
//
// One writer goroutine owns all writes. It takes whatever requests are
// queued and applies them in one transaction, with no timer, so a lone
// producer is not delayed and many producers share one fsync. Each event
// is validated before it writes anything, so a rejected event never
// disturbs the others in its batch.
//
// # Counts
//
// A count session freezes its locations. In the default "block" mode,
// movements into or out of a frozen location are rejected with
// ErrLocationFrozen until the count is finished or cancelled: simple and
// exact. In "live" mode movements continue; each counted line records
// the book quantity and the ledger position at the moment it is counted
// and the variance is posted against that frozen book. A movement
// recorded after a line was counted but stamped with an earlier wall
// time (a late, back-dated event) marks the line outdated; outdated
// lines are not posted and must be recounted.
//
// # Outbox
//
// Every event is pending for the uplink until acknowledged: the outbox is
// the tail of the log after the acknowledged watermark, so it costs no
// extra writes. Ack is cumulative. Acknowledged events older than the
// retention period can be pruned: their postings are folded into a
// checkpoint, so balances and the hash chain stay verifiable.
//
// # Integrity
//
// Each stored event carries a CRC-32C and the SHA-256 chain hash of its
// predecessor and itself. Verify checks the chain, sequence contiguity,
// balances against a replay from the checkpoint, cost layers against
// balances and value, the id index and the outbox watermark.
package ledger
