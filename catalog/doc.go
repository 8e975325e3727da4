// Package catalog maps what the warehouse reads (GTINs from barcodes and
// SGTIN tags, SKU codes and aliases typed on labels, EPC URIs of
// serialised tags) to the seller's SKU. Barcode scans and RFID events use
// the same catalog, so one item is one SKU whichever way it was seen.
//
// # Building
//
// [New] takes a plain [Config] (cmd/edged fills it from YAML or CSV) and
// returns every problem at once: malformed GTINs, bad patterns, and keys
// that appear twice, whether for the same SKU (duplicate) or for two SKUs
// (conflict). A Catalog is immutable after New and safe for concurrent use.
//
// # Lookups
//
// [Catalog.Lookup] resolves a SKU code, an alias or a GTIN-8/12/13/14
// (normalised to GTIN-14, check digit verified). [Catalog.EPC] resolves an
// EPC URI against exact URIs and patterns: pure identity patterns
// (urn:epc:idpat:sgtin:0614141.812345.*) match pure identity URIs, tag
// patterns (urn:epc:pat:sgtin-96:3.0614141.812345.*) match tag URIs, and
// any other entry ending in '*' is a plain prefix. The most specific match
// wins. Lookup and EPC do not allocate; EPC costs one map probe per URI
// field plus a scan of the plain prefixes, which is why TDS patterns are
// the preferred form.
package catalog
