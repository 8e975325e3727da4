// Package hidraw reads HID point-of-sale barcode scanners (usage page
// 0x8C, "Bar Code Scanner") through Linux /dev/hidrawN in pure Go: no
// libusb, no kernel driver detach, no keyboard layout, and the AIM
// identifier comes with the data.
//
// Each read of a hidraw node returns one input report. Serve joins
// reports with a scanner.POSDecoder (a symbol longer than one report
// sets "more data") and emits one frame per symbol; a report that does
// not fit the layout is reported as a bad frame and skipped.
//
// IsBarcodeScanner checks a report descriptor for usage page 0x8C, so
// discovery can tell a POS scanner from other HID devices. Opening
// (open_linux.go) also reads the descriptor with HIDIOCGRDESC and
// refuses other devices.
package hidraw
