package config

import "log/slog"

// Secret is a configuration value that must never reach a log: it
// prints and logs as [redacted].
type Secret string

func (Secret) String() string { return "[redacted]" }

// LogValue keeps slog from printing the value.
func (Secret) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// Reveal returns the value, for the one place that needs it.
func (s Secret) Reveal() string { return string(s) }
