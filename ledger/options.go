package ledger

import (
	"io"
	"log/slog"
	"slices"
	"time"
)

// Options configure a ledger. The zero value of every field means its
// default; a nil *Options means all defaults.
type Options struct {
	// MaxSize bounds the file in bytes; appends beyond it fail with
	// ErrLedgerFull instead of filling the card. Default 1 GiB (keep it
	// at or below 1 GiB on 32-bit ARM, whose mmap limit is 2 GiB).
	MaxSize int64
	// LockTimeout is how long Open waits for the file lock held by
	// another process. Default 1 s.
	LockTimeout time.Duration
	// AllowNegative lists locations whose on-hand may go below zero.
	// Everywhere else a movement that would do so is rejected.
	AllowNegative []string
	// Retention is how long acknowledged events are kept before Prune
	// may fold them into the checkpoint. Default 90 days.
	Retention time.Duration
	// MaxBatch caps how many queued requests one commit takes.
	// Default 1024.
	MaxBatch int
	// ReadOnly opens the file with a shared lock for queries; writes fail.
	ReadOnly bool
	// Now is the wall clock used to stamp events without a time.
	// Default time.Now.
	Now func() time.Time
	// ClockSynced tells whether the wall clock is synchronised (NTP or
	// RTC); it is recorded with events the ledger stamps. Default: not
	// known, recorded as false.
	ClockSynced func() bool
	// Logger receives integrity and maintenance messages. Default: discard.
	Logger *slog.Logger
}

const (
	defaultMaxSize   = 1 << 30
	defaultRetention = 90 * 24 * time.Hour
	pageSize         = 4096
)

func (o *Options) withDefaults() Options {
	var c Options
	if o != nil {
		c = *o
	}
	if c.MaxSize <= 0 {
		c.MaxSize = defaultMaxSize
	}
	if c.LockTimeout <= 0 {
		c.LockTimeout = time.Second
	}
	if c.Retention <= 0 {
		c.Retention = defaultRetention
	}
	if c.MaxBatch <= 0 {
		c.MaxBatch = 1024
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.ClockSynced == nil {
		c.ClockSynced = func() bool { return false }
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	c.AllowNegative = slices.Clone(c.AllowNegative)
	return c
}

func (o *Options) negativeAllowed(loc string) bool {
	return slices.Contains(o.AllowNegative, loc)
}
