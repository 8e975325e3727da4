package main

import (
	"context"
	"fmt"

	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/evdev"
	"github.com/edged/edged/device/scanner/hidraw"
	"github.com/edged/edged/device/scanner/serialport"
	"github.com/edged/edged/device/scanner/usb"
	"github.com/edged/edged/workflow/floor"
)

// openScanner is how edged opens each kind of barcode scanner
// (floor.Opener): the scanner stations only read what it opened.
func openScanner(sc floor.ScannerConfig) (func(context.Context) (scanner.Device, error), error) {
	switch sc.Kind {
	case "", "serial":
		return serialport.Opener(sc.Path, sc.Serial), nil
	case "evdev":
		return evdev.Opener(sc.Path), nil
	case "hidraw":
		return hidraw.Opener(sc.Path), nil
	case "usb":
		t, err := usb.ParseTarget(sc.Path)
		if err != nil {
			return nil, fmt.Errorf("scanners %s: path: %w", sc.ID, err)
		}
		return usb.Opener(t), nil
	}
	return nil, fmt.Errorf("scanners %s: kind %q: use serial, evdev, hidraw or usb", sc.ID, sc.Kind)
}
