package scanner

import "errors"

// Sentinel errors. Frames carry them in Frame.Err; decoders return them
// wrapped with where the problem is.
var (
	// ErrFrameTooLong: more bytes arrived without a terminator or an idle
	// gap than Config.MaxLen allows. The frame's first MaxLen raw bytes are
	// kept; the rest of the message is dropped up to its end.
	ErrFrameTooLong = errors.New("scanner: frame longer than the maximum length; check the scanner's suffix (terminator) setting or raise max_len")
	// ErrIncomplete: the input ended (scanner unplugged, port closed)
	// in the middle of a frame.
	ErrIncomplete = errors.New("scanner: input ended in the middle of a frame; the scanner was probably unplugged, rescan the item")
	// ErrConfig: a Config field is out of range.
	ErrConfig = errors.New("scanner: invalid configuration")
	// ErrReport: a HID report has the wrong length or is a rollover
	// error (too many keys at once).
	ErrReport = errors.New("scanner: bad HID report")
	// ErrEvent: an evdev record has the wrong size.
	ErrEvent = errors.New("scanner: bad input event")
	// ErrKey: a key or key combination that has no character in the US
	// layout (the scanner's keyboard country may not be US).
	ErrKey = errors.New("scanner: key has no character; set the scanner's keyboard layout to US")
	// ErrGone: the device vanished under an open handle (unplugged, or
	// the USB link reset). A Supervisor reopens it with backoff.
	ErrGone = errors.New("scanner: device gone (unplugged?)")
	// ErrClosed: the handle was closed by us (shutdown), not by the
	// device going away.
	ErrClosed = errors.New("scanner: closed")
	// ErrOffline: feedback or a write was attempted while the scanner
	// is not connected.
	ErrOffline = errors.New("scanner: offline; check the cable, the supervisor reopens it when it is back")
)
