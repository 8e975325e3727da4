// Package layering holds only a test: it enforces the dependency rules of
// DEVELOPERS.md on the non-test imports of every package, so that a
// driver never grows a dependency on the ledger or the network, and the
// relay never on the gateway's internals.
package layering
