// Package evdev reads keyboard-wedge barcode scanners through Linux
// evdev (/dev/input/eventN) in pure Go, with an exclusive grab
// (EVIOCGRAB) so scans are not also typed into the console's login
// prompt.
//
// Serve reads whole struct input_event records (24 bytes on 64-bit, 16
// on 32-bit ARM), turns key presses into bytes with a
// scanner.KeyDecoder (US layout, Ctrl+] for GS, Alt+keypad codes) and
// frames them with a scanner.Framer on Enter (CR). A key that has no
// character marks the frame it belongs to as bad (scanner.ErrKey), so a
// scan with a lost character is never taken for another item.
//
// evdev reads block until a key arrives, so a frame without Enter ends
// on the idle gap only when the next key comes; configure the scanner
// to send Enter.
//
// Opening and grabbing (open_linux.go) is the only platform code; a
// keyboard has no host feedback channel, so writes are discarded (use
// feedback driver "none").
package evdev
