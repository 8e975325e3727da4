// Package fleetbench holds the benchmarks of the relay fleet (issue 13):
// gateway deltas and webhook orders through one bbolt relay and through
// several relay instances on one PostgreSQL database. Its code is in the
// _test.go files; the package has no API.
package fleetbench
