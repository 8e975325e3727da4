package mosquittotest

import (
	"net"
	"os/exec"
	"syscall"
	"time"
)

// start launches the process and waits for the listener.
func (b *Broker) start() {
	b.t.Helper()
	bin, err := Binary()
	if err != nil {
		b.t.Fatal(err)
	}
	cmd := exec.Command(bin, "-c", b.confPath())
	cmd.Stdout, cmd.Stderr = b.log, b.log
	if err := cmd.Start(); err != nil {
		b.t.Fatalf("start mosquitto: %v", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	b.mu.Lock()
	b.cmd, b.done = cmd, done
	b.mu.Unlock()
	b.waitReady(done)
}

func (b *Broker) waitReady(done chan struct{}) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			b.t.Fatalf("mosquitto exited at start:\n%s", b.Log())
		default:
		}
		if c, err := net.DialTimeout("tcp", b.Addr(), time.Second); err == nil {
			c.Close()
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.t.Fatalf("mosquitto did not listen on %s within 10 s:\n%s", b.Addr(), b.Log())
}

// Stop terminates the broker (SIGTERM, then SIGKILL after 5 s) and waits
// for it. Stopping a stopped broker does nothing. Without persistence
// every session, subscription and retained message is gone.
func (b *Broker) Stop() {
	b.mu.Lock()
	cmd, done := b.cmd, b.done
	b.cmd = nil
	b.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// Restart stops the broker and starts it again on the same port.
func (b *Broker) Restart() {
	b.t.Helper()
	b.Stop()
	b.start()
}

// Reload sends SIGHUP: mosquitto rereads its configuration, including
// the ACL file, without dropping connections.
func (b *Broker) Reload() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cmd != nil {
		_ = b.cmd.Process.Signal(syscall.SIGHUP)
	}
}

// Running reports whether the process is alive.
func (b *Broker) Running() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.cmd != nil
}
