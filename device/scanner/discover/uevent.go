package discover

import (
	"bytes"
	"fmt"
)

// Uevent is one kernel device event (NETLINK_KOBJECT_UEVENT group 1):
// "ACTION@DEVPATH" then NUL-separated KEY=VALUE fields.
type Uevent struct {
	Action    string // add, remove, change, bind, unbind, ...
	DevPath   string
	Subsystem string
	DevName   string // node name under /dev, if any
	Env       map[string]string
}

// ParseUevent decodes one netlink message.
func ParseUevent(b []byte) (Uevent, error) {
	head, rest, _ := bytes.Cut(b, []byte{0})
	action, devpath, ok := bytes.Cut(head, []byte{'@'})
	if !ok || len(action) == 0 || len(devpath) == 0 {
		return Uevent{}, fmt.Errorf("%w: header %q is not ACTION@DEVPATH", ErrUevent, truncate(head))
	}
	u := Uevent{Action: string(action), DevPath: string(devpath), Env: map[string]string{}}
	for _, f := range bytes.Split(rest, []byte{0}) {
		if k, v, ok := bytes.Cut(f, []byte{'='}); ok && len(k) > 0 {
			u.Env[string(k)] = string(v)
		}
	}
	if a := u.Env["ACTION"]; a != "" && a != u.Action {
		return Uevent{}, fmt.Errorf("%w: header action %q but ACTION=%q", ErrUevent, u.Action, a)
	}
	u.Subsystem, u.DevName = u.Env["SUBSYSTEM"], u.Env["DEVNAME"]
	return u, nil
}

// Relevant reports whether the event can change the set of scanners.
func (u Uevent) Relevant() bool {
	switch u.Subsystem {
	case "tty", "input", "hidraw", "usb", "usb-serial":
		return u.Action == "add" || u.Action == "remove" || u.Action == "change"
	}
	return false
}

func truncate(b []byte) []byte {
	if len(b) > 64 {
		return b[:64]
	}
	return b
}
