package discover

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Kind is how a scanner is read.
type Kind string

// Kinds.
const (
	Serial Kind = "serial" // go.bug.st/serial (package serialport)
	Evdev  Kind = "evdev"  // keyboard wedge (package evdev)
	HIDRaw Kind = "hidraw" // HID POS (package hidraw)
)

// Candidate is a device node that may be a scanner.
type Candidate struct {
	Kind Kind
	// Path is the stable name to open (a by-id or by-path link, or
	// /dev/hidrawN).
	Path string
	// Name is the link or node name (usb-Zebra_..._if00), for matching.
	Name string
	// Target is the node the link points to (/dev/ttyACM0).
	Target string
	// VID and PID are the USB ids from sysfs; 0 when not on USB or
	// not found.
	VID, PID uint16
}

// Scan lists candidates under root, one per device node: a by-id name
// is preferred to the by-path name of the same port ("/" in production; a test tree in
// tests). Missing directories are normal (nothing plugged in).
func Scan(root string) ([]Candidate, error) {
	var out []Candidate
	var errs []error
	add := func(c []Candidate, err error) {
		out = append(out, c...)
		errs = append(errs, err)
	}
	add(links(root, "dev/serial/by-id", Serial, "tty", nil))
	add(links(root, "dev/serial/by-path", Serial, "tty", nil))
	add(links(root, "dev/input/by-id", Evdev, "input", func(n string) bool { return strings.HasSuffix(n, "-event-kbd") }))
	add(hidraws(root))
	out = uniqueTargets(out)
	slices.SortFunc(out, func(a, b Candidate) int { return strings.Compare(a.Path, b.Path) })
	return out, errors.Join(errs...)
}

// uniqueTargets keeps the first candidate of each node, so one port is
// never opened twice.
func uniqueTargets(cands []Candidate) []Candidate {
	seen := map[string]bool{}
	out := cands[:0]
	for _, c := range cands {
		if !seen[c.Target] {
			seen[c.Target] = true
			out = append(out, c)
		}
	}
	return out
}

func links(root, dir string, kind Kind, class string, keep func(string) bool) ([]Candidate, error) {
	abs := filepath.Join(root, dir)
	ents, err := os.ReadDir(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Candidate
	for _, e := range ents {
		if keep != nil && !keep(e.Name()) {
			continue
		}
		p := filepath.Join(abs, e.Name())
		target, err := filepath.EvalSymlinks(p)
		if err != nil {
			continue // a dangling link: the device is going away
		}
		c := Candidate{Kind: kind, Path: p, Name: e.Name(), Target: target}
		c.VID, c.PID = nodeIDs(root, class, target)
		out = append(out, c)
	}
	return out, nil
}

func hidraws(root string) ([]Candidate, error) {
	ents, err := os.ReadDir(filepath.Join(root, "sys/class/hidraw"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Candidate
	for _, e := range ents {
		node := filepath.Join(root, "dev", e.Name())
		if _, err := os.Stat(node); err != nil {
			continue
		}
		uevent, _ := os.ReadFile(filepath.Join(root, "sys/class/hidraw", e.Name(), "device/uevent"))
		c := Candidate{Kind: HIDRaw, Path: node, Name: hidName(string(uevent), e.Name()), Target: node}
		c.VID, c.PID = hidIDs(string(uevent))
		out = append(out, c)
	}
	return out, nil
}

// hidName is HID_NAME from the device's uevent, or the node name.
func hidName(uevent, node string) string {
	for line := range strings.SplitSeq(uevent, "\n") {
		if v, ok := strings.CutPrefix(line, "HID_NAME="); ok {
			return v
		}
	}
	return node
}
