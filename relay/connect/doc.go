// Package connect keeps each channel's OAuth connection: the token pair
// `relay connect CHANNEL` obtained, sealed with the relay's secrets key,
// and renewed by the Refresher before it runs out.
//
// # Sealing
//
// A [Vault] seals a relay.Token as JSON with AES-256-GCM under a random
// nonce, with the channel's name as additional data, so a record copied
// to another channel's slot does not open. The key is 32 bytes from a file
// or an environment variable (secrets.key_file, secrets.key_env); see
// [ParseKey] for the accepted encodings. Errors name the key's source,
// never its bytes.
//
// # Storage
//
// A [Store] keeps one sealed record per channel with a version for
// compare-and-set: [Store.SaveConnection] succeeds only while the record
// is still at the version read, and fails with [ErrConflict] otherwise.
// relay/stock's BoltStore and relay/stock/pgstore's Store implement it.
//
// # Refreshing
//
// Every relay process runs one [Refresher]. It hands each channel's
// client the stored token at start and whenever the stored version
// changes; on the instance that owns the channel it renews the token a
// margin before it expires and stores the new pair before any client
// uses it, because some refresh tokens (Shopee's) work only once.
package connect
