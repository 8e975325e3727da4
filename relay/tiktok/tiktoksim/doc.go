// Package tiktoksim is a TikTok Shop Partner API fake for tests and demos,
// after §8.4 of the marketplace reference. It checks app_key, the 10-digit
// timestamp window [now−300 s, now+30 s] (36009004), shop_cipher (106013),
// x-tts-access-token (105002), the exact content type (36009022) and the
// signature recomputed from the request as received (HTTP 401, 106001). On
// inventory update it enforces ≤ 100 SKUs, no duplicate SKU, SKUs of the
// product, the exact warehouse set (12019028 / 12052533), the quantity range
// (lower bound configurable, 0 or 1) and promotion locks (12052393), with
// per-SKU errors under code 0. Above the per-second limit it answers HTTP
// 429 with 36009002. It keeps available and committed stock per SKU and
// warehouse, deducts its own sales, and sends signed webhooks.
//
// Deviation: TikTok retries webhooks at +2 min, +30 min, +3 h, +12 h; the
// emitter retries at once (time-compressed).
package tiktoksim
