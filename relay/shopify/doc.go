// Package shopify sets available quantities on Shopify through the GraphQL
// Admin API and takes its order webhooks in.
//
// Stock goes out with the inventorySetQuantities mutation in batches of at
// most 250 (item, location) pairs, each with changeFromQuantity set to the
// quantity last read or written (compare-and-set), and an @idempotent key
// per operation that is reused when the same request is retried. A stale
// compare means Shopify sold units we have not heard of yet: the adapter
// re-reads the level and sets min(our quantity, Shopify's), so a racing
// sale is never put back on sale. THROTTLED answers are retried after the
// cost deficit / restore rate read from extensions.cost.
//
// Webhooks are verified with the base64 HMAC-SHA256 of the raw body keyed
// with the app's client secret (X-Shopify-Hmac-Sha256) and deduplicated on
// X-Shopify-Webhook-Id; orders carry their lines, so nothing is fetched.
package shopify
