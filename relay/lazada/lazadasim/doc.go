// Package lazadasim is a Lazada Open Platform fake for tests and demos,
// after §8.2 of the marketplace reference: it reads parameters from the
// query and a form body, checks app_key, access_token, sign_method, the
// millisecond timestamp (±7200 s) and the upper-case HMAC-SHA256 signature,
// parses the XML payload (≤ 50 SKUs, code 204 beyond; optionally 513
// beyond 20), matches the warehouse shape, refuses sellable below a campaign
// lock with a per-SKU 501, and answers 901 above the per-second limit. It
// keeps sellable and withhold/occupy stock per SKU, deducts its own sales,
// and pushes signed LPM messages (optionally duplicated and reordered).
//
// Deviation: Lazada retries unacknowledged pushes every 30 minutes, 12
// times; the emitter retries at once (time-compressed).
package lazadasim
