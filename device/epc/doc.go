// Package epc decodes and encodes Electronic Product Codes as defined by
// the GS1 EPC Tag Data Standard (TDS).
//
// # Decoding
//
// [Decode] turns the EPC bank contents of a tag (without PC bits) into an
// [Identity]: the scheme, its fields, the pure identity URI
// (urn:epc:id:sgtin:0614141.812345.6789), the tag URI with the filter value
// and, for SGTIN, the GTIN-14 with its check digit. Supported schemes are
// SGTIN-96, SGTIN-198, SSCC-96, SGLN-96, GRAI-96 and GIAI-96 with every
// partition value. An unknown header is not an error: the identity keeps
// the bytes as a raw URI (urn:epc:raw:96.x3574...) so nothing is lost. A
// known header with fields the standard forbids is an error wrapping one
// of the sentinels in errors.go.
//
// [Classify] performs the same checks without building strings and never
// allocates, so the inventory can vet the EPC of every new tag cheaply.
//
// # Encoding
//
// [EncodeSGTIN96], [SGTIN96FromGTIN] and [EncodeSSCC96] build tags for
// tests, the fake reader and the demo; Decode(Encode(x)) round-trips.
//
// The package does no I/O and keeps no state; it is safe for concurrent use.
package epc
