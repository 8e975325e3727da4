package discover

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestNetlinkDeliversKernelEvents asks the kernel for a synthetic
// "change" event on a tty (root only; skipped elsewhere) and reads it
// from a real uevent socket.
func TestNetlinkDeliversKernelEvents(t *testing.T) {
	const trigger = "/sys/class/tty/ttyS0/uevent"
	n, err := ListenUevents()
	if err != nil {
		t.Skipf("no uevent socket: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	out := make(chan Uevent, 16)
	done := make(chan error, 1)
	go func() { done <- n.Run(ctx, out) }()
	defer func() { cancel(); <-done }()
	if err := os.WriteFile(trigger, []byte("change"), 0); err != nil {
		t.Skipf("cannot trigger a uevent: %v", err)
	}
	timeout := time.After(20 * time.Second) // only stops a hung test
	for {
		select {
		case u := <-out:
			if u.Subsystem == "tty" && u.DevName == "ttyS0" && u.Action == "change" {
				return
			}
		case <-timeout:
			t.Skip("no uevent arrived (kernel without uevent broadcast in this sandbox?)")
		}
	}
}
