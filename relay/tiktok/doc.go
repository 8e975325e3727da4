// Package tiktok pushes available quantities to TikTok Shop (Partner API
// 202309) and takes its order webhooks in.
//
// Stock goes out with POST /product/202309/products/{product_id}/inventory/update,
// one call per product with at most 100 SKUs, every warehouse a SKU is
// mapped to in the same entry. Requests carry app_key, timestamp,
// shop_cipher and sign in the query and x-tts-access-token in a header; the
// signature ([Sign]) covers the path, the sorted query and the exact body
// bytes sent. A code 0 answer may still carry per-SKU errors in
// data.errors, which are reported per item. HTTP 429 / 36009002 and 503 are
// retried after Retry-After or backoff.
//
// Webhooks are verified with hex HMAC-SHA256(app_secret, app_key + body)
// ([WebhookSignature]) and deduplicated on tts_notification_id; order lines
// are fetched with GET /order/202507/orders ([Client.FetchOrder]).
package tiktok
