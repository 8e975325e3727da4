// Package sheet renders the laminated command sheet a station's workers
// scan: one real barcode per workflow.Label (Code 128 or QR, through
// github.com/boombuler/barcode) with its caption, laid out on A4 pages
// of a PDF (github.com/go-pdf/fpdf). It writes to an io.Writer and
// reads no files.
package sheet
