// Package scanner turns what barcode scanners send into frames: a byte
// framer for serial and USB-CDC scanners, a keyboard decoder for
// keyboard-wedge scanners (HID boot reports or Linux evdev events) and
// their modifier, Ctrl and Alt+keypad tricks, and a HID POS report
// decoder. Decoding the frame's
// content (AIM ids, GS1) is package barcode's job.
//
// Nothing here opens a device. The parts take bytes and explicit
// timestamps, so they are tested without hardware or sleeps; the
// devices are opened by the subpackages serialport, evdev, hidraw and
// usb (libusb, behind the gousb build tag), found by discover, and
// answered by feedback.
//
// # Supervision
//
// A Supervisor keeps one scanner connected: open, serve (FramedServe for
// byte streams), and when the device fails mark it offline, wait with
// Backoff (0.5 s doubling to 30 s, jittered, back to 0.5 s after a
// stable connection) and reopen; Kick cuts the wait short when
// discovery sees a device appear. Devices report ErrGone when they
// vanish and ErrClosed when we closed them, so an unplug is logged as
// such and a shutdown is not. The Supervisor is also the io.Writer for
// feedback: writes go to the device open at the time, or fail with
// ErrOffline.
//
// # Framing
//
// A Framer ends a frame on a configured terminator (CR, LF, CRLF, ETX or
// any byte sequence), after an idle gap without bytes (default 50 ms;
// scanners in "data as is" mode send no suffix at all), or on a maximum
// length (an ErrFrameTooLong frame, then the rest of that message is
// dropped). Raw bytes, terminator included, are kept in every frame.
// When one terminator is a prefix of another (CR of CRLF) the frame ends
// at the next byte or at the idle gap, so CRLF stays one terminator even
// when CR and LF arrive in different reads.
//
// # Driving a Framer from a port
//
// Open the port with a short read timeout (10 ms). Each Read returns
// either bytes or (0, nil) on timeout. After every Read call
// Feed(bytes, now) and Flush(now); when Read fails (unplug shows up as
// an error from a blocked Read) call End(now), which reports a partial
// frame as ErrIncomplete, then reopen. Consume is exactly that loop over
// an io.Reader. Deadline tells a loop with variable timeouts when the
// current frame would end.
//
// # Keyboard wedges
//
// A KeyDecoder turns key presses into bytes using the US layout: Shift,
// Caps Lock, Ctrl combinations (Ctrl+] is GS, 0x1D, which GS1 data needs)
// and Alt held while typing a decimal code on the keypad (Alt+029 is GS).
// Enter becomes CR, so its output feeds a Framer with the CR terminator.
// Boot-protocol reports are decoded by edges (a key counts when it
// appears), which copes with scanners that skip release reports.
//
// # HID POS
//
// Scanners in HID POS mode (usage page 0x8C, /dev/hidrawN) send the AIM
// id and raw data in fixed reports, with a "more data" flag when a symbol
// spans several. A POSDecoder joins them into one message; no keyboard
// layout and no terminator are involved, so its output goes straight to
// package barcode.
package scanner
