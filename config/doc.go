// Package config decodes the daemon's YAML configuration strictly: the
// main file, then conf.d drop-ins that override it, then EDGED_*
// environment variables (EDGED_LEDGER_MAX_SIZE sets ledger.max_size).
// Every problem is reported at once, each with the file and line it
// comes from: an unknown key (with the keys valid at that place), a value
// of the wrong type, and whatever the sections' own Validate methods
// refuse. It reads no files itself: cmd/edged hands it the bytes.
package config
