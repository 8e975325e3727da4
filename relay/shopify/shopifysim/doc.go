// Package shopifysim is a Shopify Admin GraphQL fake for tests and demos,
// after §8.1 of the marketplace reference. It checks X-Shopify-Access-Token
// (401), the content type and API version, and serves the
// inventorySetQuantities mutation and an inventoryItem/inventoryLevel
// quantities query. The mutation is validated as Shopify does: name,
// reason, referenceDocumentUri, at most 250 quantities without a repeated
// (item, location) pair, gid ids stocked at the location, quantity bounds,
// compare-and-set by version (compareQuantity up to 2025-10,
// changeFromQuantity from 2026-01, mandatory from 2026-04), @idempotent
// keys (stored result, parameter mismatch, concurrent request; mandatory
// from 2026-04), and one bad item fails the whole mutation (bundles give
// NON_MUTABLE_INVENTORY_ITEM). Query cost is charged to a leaky bucket; when
// it runs low the answer is HTTP 200 with a THROTTLED error. Sales move
// available to committed and send signed orders/create webhooks, optionally
// duplicated, reordered, with orders/paid first, or forged.
//
// Deviation: webhook retries are immediate, not 8 over 4 hours.
package shopifysim
