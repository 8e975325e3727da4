package main

import (
	"strings"
	"testing"

	"github.com/edged/edged/workflow/floor"
)

// Every kind the configuration accepts has an opener; nothing is opened.
func TestOpenScannerKinds(t *testing.T) {
	for _, sc := range []floor.ScannerConfig{
		{ID: "s", Path: "/dev/ttyACM0"}, {ID: "e", Kind: "evdev", Path: "/dev/input/event0"},
		{ID: "h", Kind: "hidraw", Path: "/dev/hidraw0"}, {ID: "u", Kind: "usb", Path: "05e0:1200"},
	} {
		if open, err := openScanner(sc); err != nil || open == nil {
			t.Errorf("%s: %v", sc.ID, err)
		}
	}
	for _, sc := range []floor.ScannerConfig{{ID: "b", Kind: "bluetooth", Path: "x"}, {ID: "u", Kind: "usb", Path: "nonsense"}} {
		if _, err := openScanner(sc); err == nil || !strings.Contains(err.Error(), "scanners "+sc.ID) {
			t.Errorf("%s: %v, want an error naming the scanner", sc.ID, err)
		}
	}
}
