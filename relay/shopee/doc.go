// Package shopee pushes seller stock to Shopee Open Platform v2 and takes
// its push notifications in.
//
// Stock goes out with POST /api/v2/product/update_stock, one item per call
// with at most 50 models. partner_id, timestamp, access_token, shop_id and
// sign travel in the query; sign is the lower-case hex HMAC-SHA256 of
// partner_id + path + timestamp + access_token + shop_id ([Sign]). Answers
// may succeed partly: failure_list entries become per-item permanent
// errors. error_system_busy and error_server are retried; error_auth is a
// permanent [relay.ErrAuth]. The client never refreshes: the token
// refresher renews the 4-hour access token with [Auth.Refresh] (the 30-day
// refresh token is single-use) and hands it over with [Client.SetToken].
//
// Pushes are verified with hex HMAC-SHA256(partner_key, callback URL + "|" +
// raw body) ([PushSignature]) and answered 2xx with an empty body; order
// lines come from get_order_detail ([Client.FetchOrder]).
package shopee
