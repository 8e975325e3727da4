// Package audit is the relay's central audit trail: one Row for every
// ledger event that reached the relay from any gateway, every
// marketplace order, cancellation, edit and campaign lock, and every push
// with its result. The stock engine writes the rows in the same store
// transaction as the change they record, so each appears exactly once
// however often its message is delivered; the console and `relay audit`
// read them back by SKU, site, channel, order and time.
//
// This package holds only the shared types; the stores (relay/stock's
// bbolt store, relay/stock/pgstore) keep the rows.
package audit
