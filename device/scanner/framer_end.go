package scanner

import (
	"bytes"
	"time"
)

// Flush ends the current frame if the idle gap has passed since its last
// byte. A read loop calls it whenever a read returns (with data or after
// a read timeout), with the current time.
func (f *Framer) Flush(now time.Time) {
	if len(f.raw) == 0 && !f.discarding || f.cfg.IdleGap < 0 || now.Sub(f.last) < f.cfg.IdleGap {
		return
	}
	switch {
	case f.discarding:
		f.discarding, f.raw = false, f.raw[:0]
	case f.held > 0:
		f.finishHeldAtEnd(now, nil)
	default:
		f.finish(0, f.last) // the frame ended with its last byte
	}
}

// End finishes the stream: the input is gone (EOF, unplug, close). A
// partial frame is emitted with ErrIncomplete so its bytes are logged,
// not lost silently.
func (f *Framer) End(now time.Time) {
	switch {
	case f.discarding:
		f.discarding, f.raw = false, f.raw[:0]
	case f.held > 0:
		f.finishHeldAtEnd(now, ErrIncomplete)
	case len(f.raw) > 0:
		f.finishErr(now, ErrIncomplete)
	}
}

// finishHeldAtEnd emits the frame ended by the held terminator, then any
// bytes after it as a frame of their own.
func (f *Framer) finishHeldAtEnd(now time.Time, restErr error) {
	rest := bytes.Clone(f.raw[f.held:])
	f.raw = f.raw[:f.held]
	f.held = 0
	f.finish(f.heldTerm, f.heldAt)
	if len(rest) == 0 {
		return
	}
	f.raw, f.start = append(f.raw, rest...), f.last
	if restErr != nil {
		f.finishErr(now, restErr)
		return
	}
	f.finish(0, now)
}

// Deadline is when Flush would end the current frame; ok is false when
// no frame is open. A read loop can use it to size its read timeout.
func (f *Framer) Deadline() (t time.Time, ok bool) {
	if len(f.raw) == 0 && !f.discarding || f.cfg.IdleGap < 0 {
		return time.Time{}, false
	}
	return f.last.Add(f.cfg.IdleGap), true
}

// Stats returns the counters so far.
func (f *Framer) Stats() Stats { return f.stats }

// finish emits raw as a frame whose last term bytes are the terminator
// (0: ended by the idle gap), then starts a new frame.
func (f *Framer) finish(term int, at time.Time) {
	data := f.raw[:len(f.raw)-term]
	if len(data) == 0 {
		f.stats.Empty++
		f.raw = f.raw[:0]
		return
	}
	fr := f.newFrame(at, len(data))
	fr.Terminated = term > 0
	fr.Data = bytes.TrimPrefix(fr.Data, f.cfg.Prefix)
	f.stats.Frames++
	f.raw = f.raw[:0]
	f.emit(fr)
}

func (f *Framer) finishErr(at time.Time, err error) {
	fr := f.newFrame(at, len(f.raw))
	fr.Err = err
	if err == ErrFrameTooLong {
		f.stats.TooLong++
	} else {
		f.stats.Incomplete++
	}
	f.raw = f.raw[:0]
	f.emit(fr)
}

// newFrame copies raw once; Data is the first dataLen bytes of the copy.
func (f *Framer) newFrame(at time.Time, dataLen int) Frame {
	raw := bytes.Clone(f.raw)
	fr := Frame{Start: f.start}
	fr.Scanner, fr.Raw, fr.Data, fr.At = f.cfg.Scanner, raw, raw[:dataLen:dataLen], at
	return fr
}

// tooLong emits the first MaxLen bytes as an error frame and drops the
// rest of the message until a terminator or the idle gap.
func (f *Framer) tooLong(at time.Time) {
	extra := f.raw[f.cfg.MaxLen:]
	f.stats.Dropped += len(extra)
	f.raw = f.raw[:f.cfg.MaxLen]
	f.finishErr(at, ErrFrameTooLong)
	f.discarding = true
}

// discard looks for the end of an over-long message, keeping only the
// last maxTermLen bytes to match a terminator against.
func (f *Framer) discard() {
	f.stats.Dropped++
	if longestSuffix(f.cfg.Terminators, f.raw) > 0 {
		f.discarding, f.raw = false, f.raw[:0]
		return
	}
	if len(f.raw) > 2*maxTermLen {
		f.raw = append(f.raw[:0], f.raw[len(f.raw)-maxTermLen:]...)
	}
}
