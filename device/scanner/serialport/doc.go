// Package serialport opens barcode scanners on RS-232, USB-CDC (ttyACM)
// and USB-serial (ttyUSB) ports through go.bug.st/serial, and turns the
// library's errors into ones a technician can act on.
//
// A Port has a short read timeout (10 ms by default) so that a Framer
// sees the line go quiet and can end frames on the idle gap; never wrap
// it in bufio.Scanner, which gives up after 100 empty reads.
//
// # Unplug versus close
//
// go.bug.st/serial reports both an unplugged device and a local Close as
// PortError{PortClosed}. Port keeps its own "closed by us" flag and
// returns scanner.ErrClosed for the first and scanner.ErrGone for the
// second, which is what a scanner.Supervisor branches on. EIO, ENODEV and
// ENXIO from a vanished USB device are ErrGone too.
//
// # Errors on open
//
// ENOENT (go.bug.st/serial returns it raw, not as PortNotFound) becomes
// ErrNotFound, EBUSY/TIOCEXCL becomes ErrBusy, EACCES becomes
// ErrPermission, each with the path and the usual fix. As root TIOCEXCL
// does not apply, so run edged as its own user in group dialout.
//
// Opening only exists on Linux (open_linux.go); elsewhere Open returns
// errors.ErrUnsupported. Nothing here enumerates ports: go.bug.st/serial's
// enumerator reopens busy ttyS ports at 9600 baud, so discovery reads
// /dev/serial/by-id and sysfs instead (package discover).
package serialport
