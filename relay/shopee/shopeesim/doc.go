// Package shopeesim is a Shopee Open Platform v2 fake for tests and demos,
// after §8.3 of the marketplace reference. It takes partner_id, timestamp
// (5 minutes), access_token, shop_id and sign from the query, checks the
// HMAC-SHA256 sign (error_sign), the 4-hour token (error_auth) and the
// refresh-token exchange, and on update_stock checks the item belongs to
// the shop, 1–50 models without repeats, model 0 only for items without
// variants, stock ≥ 0, location_id present exactly for multi-warehouse
// shops, and stock ≥ reserved promotion stock (failure_list), answering
// partial success. A promotion-lock mode returns
// error_cannt_edit_stock_in_promotion and above its rate it answers
// error_system_busy. It deducts its own sales and pushes signed code-3
// messages, counting a push acknowledged only on 2xx with an empty body.
//
// Pushes given up after the emitter's retries are kept and served by
// get_lost_push_message until confirm_consumed_lost_push_message.
//
// Deviation: pushes are retried at once, not on Shopee's schedule.
package shopeesim
