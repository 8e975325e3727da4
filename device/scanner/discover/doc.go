// Package discover finds barcode scanners without touching them and
// notices when they come and go.
//
// Scan lists the stable names udev creates, /dev/serial/by-id and
// by-path (serial, USB-CDC and USB-serial scanners), /dev/input/by-id
// links ending in -event-kbd (keyboard wedges), and the hidraw nodes in
// /sys/class/hidraw. It only reads directories and links: go.bug.st/
// serial's enumerator opens ttyS ports to probe them, which resets a port
// another process is using to 9600 baud, so it is never used here.
//
// A Watcher rescans periodically (default every 2 s) and also at once
// when the kernel announces a device (netlink uevents, ParseUevent).
// Kernel events arrive before udev has made the by-id links and set
// permissions, so an event only triggers a rescan; opening is the
// supervisors' job, with their backoff.
package discover
