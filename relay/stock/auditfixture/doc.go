// Package auditfixture builds the benchmarks' audit trail: a year of
// rows for many SKUs, written into a bbolt store (cached once per
// machine, as building 1,000,000 rows takes minutes) or bulk-loaded into
// a PostgreSQL store with COPY.
//
// Only benchmarks use it; no test builds a full fixture (this package's
// own test writes 25,000 rows), so `go test ./...` stays fast. The
// builders take the store and a row generator, so that a benchmark may
// shape its own rows; Year is the shared one, whose cached
// file every benchmark of the SKU page reuses.
package auditfixture
