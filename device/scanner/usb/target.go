package usb

import (
	"fmt"
	"strconv"
	"strings"
)

// Target names one scanner interface.
type Target struct {
	// VID and PID identify the device (Zebra 05e0:1200 is keyboard mode).
	VID, PID uint16
	// Interface and Alt select the interface setting; default 0, 0.
	Interface, Alt int
	// Endpoint is the interrupt IN endpoint number; 0 means 1.
	Endpoint int
}

// ParseTarget reads "vid:pid" in hex, optionally followed by
// "/interface" (e.g. "05e0:1200/0").
func ParseTarget(s string) (Target, error) {
	ids, iface, hasIface := strings.Cut(s, "/")
	v, p, ok := strings.Cut(ids, ":")
	vid, err1 := strconv.ParseUint(v, 16, 16)
	pid, err2 := strconv.ParseUint(p, 16, 16)
	if !ok || err1 != nil || err2 != nil {
		return Target{}, fmt.Errorf("%w: %q: want vid:pid in hex, like 05e0:1200", ErrTarget, s)
	}
	t := Target{VID: uint16(vid), PID: uint16(pid)}
	if hasIface {
		n, err := strconv.Atoi(iface)
		if err != nil || n < 0 || n > 255 {
			return Target{}, fmt.Errorf("%w: %q: interface must be 0 to 255", ErrTarget, s)
		}
		t.Interface = n
	}
	return t, nil
}

func (t Target) String() string {
	return fmt.Sprintf("%04x:%04x/%d", t.VID, t.PID, t.Interface)
}
