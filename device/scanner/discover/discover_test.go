package discover

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// tree builds a fake /dev and /sys under a temp root.
type tree struct{ root string }

func newTree(t *testing.T) *tree {
	t.Helper()
	return &tree{root: t.TempDir()}
}

func (tr *tree) file(t *testing.T, rel, content string) string {
	t.Helper()
	p := filepath.Join(tr.root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func (tr *tree) link(t *testing.T, rel, target string) {
	t.Helper()
	p := filepath.Join(tr.root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

func TestScanFindsSerialKeyboardAndHIDPOS(t *testing.T) {
	tr := newTree(t)
	acm := tr.file(t, "dev/ttyACM0", "")
	tr.link(t, "dev/serial/by-id/usb-Zebra_Symbol_DS2208_123-if00", acm)
	tr.link(t, "dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0", acm)
	usb0 := tr.file(t, "dev/ttyUSB0", "")
	tr.link(t, "dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0", usb0)           // no serial number, no by-id
	tr.link(t, "dev/serial/by-id/usb-Gone-if00", filepath.Join(tr.root, "dev/ttyACM9")) // dangling
	ev := tr.file(t, "dev/input/event3", "")
	tr.link(t, "dev/input/by-id/usb-Honeywell_1900-event-kbd", ev)
	tr.link(t, "dev/input/by-id/usb-Honeywell_1900-if01-event-mouse", ev)
	tr.file(t, "dev/hidraw0", "")
	tr.file(t, "sys/class/hidraw/hidraw0/device/uevent", "DRIVER=hid-generic\nHID_ID=0003:000005F9:00004204\nHID_NAME=Datalogic QD2430\n")
	// sysfs: the tty's device is the USB interface; its parent has the ids.
	tr.file(t, "sys/devices/pci0000:00/usb1/1-1/idVendor", "05e0\n")
	tr.file(t, "sys/devices/pci0000:00/usb1/1-1/idProduct", "1701\n")
	tr.file(t, "sys/devices/pci0000:00/usb1/1-1/1-1:1.0/tty/ttyACM0/dev", "166:0\n")
	tr.link(t, "sys/class/tty/ttyACM0", filepath.Join(tr.root, "sys/devices/pci0000:00/usb1/1-1/1-1:1.0/tty/ttyACM0"))
	tr.link(t, "sys/devices/pci0000:00/usb1/1-1/1-1:1.0/tty/ttyACM0/device", filepath.Join(tr.root, "sys/devices/pci0000:00/usb1/1-1/1-1:1.0"))
	got, err := Scan(tr.root)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind Kind
		name string
	}{{HIDRaw, "Datalogic QD2430"}, {Evdev, "usb-Honeywell_1900-event-kbd"},
		{Serial, "usb-Zebra_Symbol_DS2208_123-if00"}, {Serial, "pci-0000:00:14.0-usb-0:2:1.0-port0"}} // not its by-path twin
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i, w := range want {
		if got[i].Kind != w.kind || got[i].Name != w.name {
			t.Errorf("%d: %+v, want %v %s", i, got[i], w.kind, w.name)
		}
	}
	if got[2].Target != acm || got[3].Target != usb0 {
		t.Errorf("target %s", got[2].Target)
	}
	if got[2].VID != 0x05e0 || got[2].PID != 0x1701 || got[2].Vendor() != "Zebra (Symbol)" {
		t.Errorf("serial ids %04x:%04x %q", got[2].VID, got[2].PID, got[2].Vendor())
	}
	if got[0].VID != 0x05f9 || got[0].PID != 0x4204 || got[3].VID != 0 {
		t.Errorf("hidraw ids %04x:%04x, adapter without sysfs %04x", got[0].VID, got[0].PID, got[3].VID)
	}
}

func TestScanEmptyMachine(t *testing.T) {
	got, err := Scan(t.TempDir())
	if err != nil || len(got) != 0 {
		t.Fatalf("%v %v", got, err)
	}
}

// changes records OnChange calls.
type changes struct {
	mu             sync.Mutex
	added, removed []string
}

func (c *changes) on(a, r []Candidate) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, x := range a {
		c.added = append(c.added, x.Name)
	}
	for _, x := range r {
		c.removed = append(c.removed, x.Name)
	}
}

func (c *changes) get() (int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.added), len(c.removed)
}

func TestWatcherRescansPeriodicallyAndOnEvents(t *testing.T) {
	tr := newTree(t)
	acm := tr.file(t, "dev/ttyACM0", "")
	synctest.Test(t, func(t *testing.T) {
		var ch changes
		events := make(chan Uevent)
		w := NewWatcher(WatcherConfig{Root: tr.root, Events: events, OnChange: ch.on})
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- w.Run(ctx) }()
		synctest.Wait()
		tr.link(t, "dev/serial/by-id/usb-A-if00", acm)
		time.Sleep(DefaultInterval) // periodic rescan
		synctest.Wait()
		if a, r := ch.get(); a != 1 || r != 0 {
			t.Fatalf("after rescan: added %d removed %d", a, r)
		}
		_ = os.Remove(filepath.Join(tr.root, "dev/serial/by-id/usb-A-if00"))
		events <- Uevent{Action: "remove", Subsystem: "tty"} // no waiting for the period
		synctest.Wait()
		if a, r := ch.get(); a != 1 || r != 1 {
			t.Fatalf("after event: added %d removed %d", a, r)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}

func TestParseUevent(t *testing.T) {
	msg := "add@/devices/pci0000:00/usb1/1-1/1-1:1.0/tty/ttyACM0\x00ACTION=add\x00DEVPATH=/devices/pci0000:00/usb1/1-1/1-1:1.0/tty/ttyACM0\x00SUBSYSTEM=tty\x00MAJOR=166\x00MINOR=0\x00DEVNAME=ttyACM0\x00SEQNUM=2101\x00"
	u, err := ParseUevent([]byte(msg))
	if err != nil || u.Action != "add" || u.Subsystem != "tty" || u.DevName != "ttyACM0" || u.Env["SEQNUM"] != "2101" || !u.Relevant() {
		t.Fatalf("%+v %v", u, err)
	}
	for _, bad := range []string{"", "libudev\x00\xfe\xed", "@/x", "add@", "add@/x\x00ACTION=remove"} {
		if _, err := ParseUevent([]byte(bad)); !errors.Is(err, ErrUevent) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func FuzzParseUevent(f *testing.F) {
	f.Add([]byte("change@/devices/platform/serial8250/tty/ttyS0\x00ACTION=change\x00SUBSYSTEM=tty\x00DEVNAME=ttyS0\x00"))
	f.Add([]byte("libudev\x00\xfe\xed\xca\xfe"))
	f.Fuzz(func(t *testing.T, b []byte) {
		u, err := ParseUevent(b)
		if err == nil && (u.Action == "" || u.DevPath == "" || u.Env == nil) {
			t.Fatalf("accepted %q as %+v", b, u)
		}
	})
}
