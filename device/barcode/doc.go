// Package barcode decodes what barcode scanners send: AIM symbology
// identifiers, GS1 element strings, the bracketed human-readable form,
// GS1 Digital Link URIs and plain EAN/UPC codes.
//
// It is pure parsing: it takes bytes already framed by device/scanner and
// never touches a device.
//
// # GS1 data
//
// The AI table (aitable_gen.go) is generated from the GS1 Barcode Syntax
// Dictionary by internal/gentable; a test re-reads the dictionary, when
// it is present in ../shared/data, to catch drift. Values are checked
// against the AI format: character sets, lengths, check digits, dates
// (day 00 allowed where the dictionary says yymmd0) and the content
// linters that need no code list. Measures and amounts (310n-369n,
// 390n-395n) are exact Decimal values, never floats.
//
// # Errors
//
// Every error wraps a sentinel from errors.go inside an *Error giving the
// AI and the byte offset, and ends with what to check on the scanner or
// the label. Parsing keeps going after content errors so a report can
// show everything that is wrong at once.
//
// # Allocation
//
// ParseElementString and Decoder.Decode append to caller-owned slices and
// return values that alias the input, so a warm decoder allocates nothing
// for valid GS1 data.
package barcode
