// Package lazada pushes sellable quantities to Lazada Open Platform and
// takes Lazada Push Mechanism (LPM) order notifications in.
//
// Stock goes out with POST /product/stock/sellable/update: all parameters
// in a form body, signed with the upper-case hex HMAC-SHA256 of the API path
// and the sorted name+value pairs ([Sign]); the XML payload holds at most
// Config.BatchSize SKUs (20 by default, 50 at most). Error 901 is the
// seller's 50 calls/s limit and is retried in the next second; 501 carries
// per-SKU details; 513 asks for smaller batches.
//
// Pushes are verified with the lower-case hex HMAC-SHA256 of app_key + raw
// body ([VerifyPush]). They carry only a status, so open orders are fetched
// with GET /order/items/get ([Client.FetchOrder]).
package lazada
