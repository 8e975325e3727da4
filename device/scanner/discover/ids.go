package discover

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// scannerVendors are USB vendor ids of barcode scanner makers (usb.ids),
// used to label candidates; a scanner's PID changes with its USB mode,
// so only the vendor is matched.
var scannerVendors = map[uint16]string{
	0x05e0: "Zebra (Symbol)", 0x0c2e: "Honeywell (Metrologic)", 0x0536: "Honeywell (Hand Held Products)",
	0x05f9: "Datalogic (PSC)", 0x065a: "Opticon", 0x1eab: "Newland", 0x0483: "STMicroelectronics (OEM engines)",
	0x1a86: "QinHeng (CH340 adapter)", 0x0403: "FTDI (adapter)", 0x067b: "Prolific (adapter)", 0x10c4: "Silicon Labs (CP210x adapter)",
}

// Vendor names the scanner or adapter maker of c, or "" if unknown.
func (c Candidate) Vendor() string { return scannerVendors[c.VID] }

// usbIDs finds idVendor/idProduct by walking up from a sysfs device
// directory to its USB device (tty and input nodes sit on an interface
// below it).
func usbIDs(dir string) (vid, pid uint16) {
	for d := dir; d != "/" && d != "." && strings.Contains(d, "sys"); d = filepath.Dir(d) {
		v, err1 := os.ReadFile(filepath.Join(d, "idVendor"))
		p, err2 := os.ReadFile(filepath.Join(d, "idProduct"))
		if err1 == nil && err2 == nil {
			return hex16(string(v)), hex16(string(p))
		}
	}
	return 0, 0
}

// hidIDs reads HID_ID=bus:vendor:product from a hidraw device's uevent.
func hidIDs(uevent string) (vid, pid uint16) {
	for line := range strings.SplitSeq(uevent, "\n") {
		if v, ok := strings.CutPrefix(line, "HID_ID="); ok {
			f := strings.Split(v, ":")
			if len(f) == 3 {
				return hex16(f[1]), hex16(f[2])
			}
		}
	}
	return 0, 0
}

func hex16(s string) uint16 {
	n, err := strconv.ParseUint(strings.TrimSpace(s), 16, 32)
	if err != nil || n > 0xffff {
		return 0
	}
	return uint16(n)
}

// nodeIDs resolves a /dev node's USB ids through /sys/class/<class>/<node>/device.
func nodeIDs(root, class, node string) (vid, pid uint16) {
	dev, err := filepath.EvalSymlinks(filepath.Join(root, "sys/class", class, filepath.Base(node), "device"))
	if err != nil {
		return 0, 0
	}
	return usbIDs(dev)
}
