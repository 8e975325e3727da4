package scanner

import (
	"fmt"
	"time"
)

// Defaults for Config's zero values.
const (
	// DefaultIdleGap ends a frame that has no terminator: a scanner sends
	// a symbol back to back (about 1 ms per byte at 9600 baud), so 50 ms
	// of silence means the message is over.
	DefaultIdleGap = 50 * time.Millisecond
	// DefaultMaxLen leaves room for the largest PDF417 and Data Matrix
	// symbols (1-2 KB).
	DefaultMaxLen = 4096
	// maxTermLen bounds terminators so the framer can keep a fixed tail.
	maxTermLen = 8
)

// Config sets how a Framer splits a byte stream into scans. The zero
// value frames on CR, LF or CRLF, or after 50 ms of silence.
type Config struct {
	// Scanner names the scanner in the frames (its configured id).
	Scanner string
	// Terminators end a frame; the longest match wins, so CRLF is one
	// terminator. nil means DefaultTerminators; an empty non-nil slice
	// frames on the idle gap alone (Zebra's "data as is" default).
	Terminators [][]byte
	// IdleGap ends a frame after this much silence; 0 means
	// DefaultIdleGap, negative turns idle framing off.
	IdleGap time.Duration
	// MaxLen is the longest frame in raw bytes; 0 means DefaultMaxLen.
	MaxLen int
	// Prefix is removed from the start of Data when present (for example
	// STX on terminals that wrap data in STX...ETX). Raw keeps it.
	Prefix []byte
}

// Validate reports the first bad field.
func (c Config) Validate() error {
	for _, t := range c.Terminators {
		if len(t) == 0 || len(t) > maxTermLen {
			return fmt.Errorf("%w: terminator %q: must be 1 to %d bytes", ErrConfig, t, maxTermLen)
		}
	}
	switch {
	case c.MaxLen < 0:
		return fmt.Errorf("%w: max_len %d: must be positive", ErrConfig, c.MaxLen)
	case c.IdleGap < 0 && c.Terminators != nil && len(c.Terminators) == 0:
		return fmt.Errorf("%w: with no terminators the idle gap must be on, or frames never end", ErrConfig)
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Terminators == nil {
		c.Terminators = DefaultTerminators()
	}
	if c.IdleGap == 0 {
		c.IdleGap = DefaultIdleGap
	}
	if c.MaxLen == 0 {
		c.MaxLen = DefaultMaxLen
	}
	return c
}
