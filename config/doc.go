// Package config decodes the daemon's YAML configuration strictly: the
// main file, then conf.d drop-ins that override it, then EDGED_*
// environment variables (EDGED_LEDGER_MAX_SIZE sets ledger.max_size).
//
// Every problem is reported at once, in reading order and each once, as
// "file:line: key: problem; expected form". A first pass checks each
// source field by field against the target struct's shape: YAML syntax
// (with the line's text), unknown keys (with the keys valid there) and
// values that cannot become their field (wrong type, out of range). A
// second pass decodes what it can and runs the struct's Validate method,
// dropping any problem about a key the first pass already reported. It
// reads no files itself: cmd/edged hands it the bytes.
package config
