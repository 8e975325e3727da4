// Package simkit is the shared harness of the marketplace simulators
// (relay/shopify/shopifysim and friends): request recording, fault
// injection, a per-second rate window, listing stock with a history of
// every change, and a webhook emitter that can duplicate and reorder.
//
// Simulators run as real HTTP servers on 127.0.0.1 (httptest) and are used
// by the adapter tests, the flash-sale benchmark and `edged demo`.
package simkit
