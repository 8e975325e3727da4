// Package golden is the shared harness of the adapters' golden-request
// tests (relay/lazada, relay/shopee, relay/shopify, relay/tiktok): a
// recording HTTP server, a canonical rendering of recorded requests, a
// byte-for-byte compare against testdata/*.golden and the replay of a
// recorded request to a simulator.
//
// The package defines the -update flag of every test binary that imports
// it: go test -run TestGolden -update rewrites the golden files from the
// requests sent instead of comparing them. Test packages must not define
// their own -update flag.
package golden
