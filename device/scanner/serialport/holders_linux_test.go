package serialport

import (
	"os"
	"testing"
)

// TestHoldersFindsThisProcess opens a pty and expects /proc to show
// this test process holding it.
func TestHoldersFindsThisProcess(t *testing.T) {
	fs := newFakeScanner(t)
	p, err := Open(fs.slave, Mode{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	hs := Holders("/proc", fs.slave)
	found := false
	for _, h := range hs {
		found = found || h.PID == os.Getpid() && h.Name != ""
	}
	if !found {
		t.Fatalf("holders %v do not include pid %d", hs, os.Getpid())
	}
	if hs := Holders("/proc", "/dev/edged-no-such-node"); hs != nil {
		t.Fatalf("holders of a missing node: %v", hs)
	}
}
