package scanner

import (
	"time"

	"github.com/edged/edged/device"
)

// Frame is one framed scan, or a failed one when Err is set.
type Frame struct {
	// Scan's At is when the terminator arrived, or the last byte for a
	// frame ended by the idle gap.
	device.Scan
	// Start is when the frame's first byte arrived (Scan.At is when it
	// completed).
	Start time.Time
	// Terminated is true when a terminator ended the frame, false when
	// the idle gap did (or Err is set).
	Terminated bool
	// Err is nil, ErrFrameTooLong or ErrIncomplete. Raw holds what
	// arrived; Data must not be used as a scan.
	Err error
}

// Stats counts what a Framer has seen.
type Stats struct {
	Frames     int // good frames emitted
	TooLong    int // ErrFrameTooLong frames
	Incomplete int // ErrIncomplete frames
	Empty      int // bare terminators (e.g. a stray LF), not emitted
	Dropped    int // bytes discarded after an over-long frame
}

// Framer splits a scanner's byte stream into frames. It does no I/O:
// the owner feeds it bytes with their arrival time and tells it the time
// when nothing arrives. It is not safe for concurrent use.
type Framer struct {
	cfg        Config
	emit       func(Frame)
	raw        []byte // the current frame, terminator included
	start      time.Time
	last       time.Time // arrival of the latest byte
	held       int       // >0: raw[:held] ends with a terminator that may grow (CR of CRLF)
	heldTerm   int
	heldAt     time.Time
	discarding bool // dropping the rest of an over-long frame
	stats      Stats
}

// NewFramer returns a Framer that calls emit for every frame, from
// inside Feed, Flush or End. The Frame's slices are its own.
func NewFramer(cfg Config, emit func(Frame)) (*Framer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	return &Framer{cfg: cfg, emit: emit, raw: make([]byte, 0, 256)}, nil
}

// Feed adds bytes that arrived at time at. If the idle gap passed since
// the previous byte, that frame is ended first, so a blocking reader
// without read timeouts still gets idle framing (one frame late).
func (f *Framer) Feed(b []byte, at time.Time) {
	if len(b) > 0 {
		f.Flush(at)
	}
	for _, c := range b {
		f.feedByte(c, at)
	}
}

func (f *Framer) feedByte(c byte, at time.Time) {
	if len(f.raw) == 0 {
		f.start = at
	}
	f.raw, f.last = append(f.raw, c), at
	switch {
	case f.discarding:
		f.discard()
	case f.held > 0:
		f.resolveHeld(at)
	default:
		f.checkEnd(at)
	}
}

func (f *Framer) checkEnd(at time.Time) {
	n := longestSuffix(f.cfg.Terminators, f.raw)
	switch {
	case n > 0 && canExtend(f.cfg.Terminators, f.raw[len(f.raw)-n:]):
		f.held, f.heldTerm, f.heldAt = len(f.raw), n, at
	case n > 0:
		f.finish(n, at)
	case len(f.raw) > f.cfg.MaxLen:
		f.tooLong(at)
	}
}

// resolveHeld decides, with one more byte, whether the held terminator
// grew into a longer one (CR then LF) or the frame ended before it.
func (f *Framer) resolveHeld(at time.Time) {
	tail := f.raw[f.held-f.heldTerm:]
	terms := f.cfg.Terminators
	switch {
	case isTerminator(terms, tail) && canExtend(terms, tail):
		f.held, f.heldTerm, f.heldAt = len(f.raw), len(tail), at
	case isTerminator(terms, tail):
		f.held = 0
		f.finish(len(tail), at)
	case !canExtend(terms, tail):
		f.finishHeld(at)
	}
}

// finishHeld ends the frame at the held terminator and feeds the bytes
// after it again as the start of the next frame.
func (f *Framer) finishHeld(at time.Time) {
	var rest [maxTermLen]byte // fewer bytes than the longest terminator follow it
	n := copy(rest[:], f.raw[f.held:])
	f.raw = f.raw[:f.held]
	f.held = 0
	f.finish(f.heldTerm, f.heldAt)
	f.Feed(rest[:n], at)
}
