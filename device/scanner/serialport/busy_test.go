//go:build linux

package serialport

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const busyEnv = "EDGED_TEST_BUSY_PORT"

// TestBusyPortIsReported opens a pty twice as an unprivileged user (root
// bypasses TIOCEXCL): the second open must fail with ErrBusy and a hint.
// As root the test re-runs itself as nobody.
func TestBusyPortIsReported(t *testing.T) {
	if path := os.Getenv(busyEnv); path != "" {
		checkBusy(t, path)
		return
	}
	fs := newFakeScanner(t)
	if os.Geteuid() != 0 {
		checkBusy(t, fs.slave)
		return
	}
	if err := os.Chmod(fs.slave, 0o666); err != nil {
		t.Fatal(err)
	}
	out, err := runAsNobody(t, fs.slave)
	if err != nil {
		t.Fatalf("unprivileged run: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "busy ok") {
		t.Fatalf("unprivileged run did not check: %s", out)
	}
}

func checkBusy(t *testing.T, path string) {
	first, err := Open(path, Mode{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	_, err = Open(path, Mode{})
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "fuser") || !strings.Contains(err.Error(), "pid ") {
		t.Fatalf("second open: %v", err)
	}
	t.Log("busy ok")
}

// runAsNobody copies the test binary where nobody can run it and runs
// this test in it as uid/gid 65534.
func runAsNobody(t *testing.T, slave string) ([]byte, error) {
	dir, err := os.MkdirTemp("", "edged-busy")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	bin := filepath.Join(dir, "serialport.test")
	if err := copyExecutable(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	_ = os.Chmod(dir, 0o755)
	cmd := exec.Command(bin, "-test.run=^TestBusyPortIsReported$", "-test.v")
	cmd.Env = append(os.Environ(), busyEnv+"="+slave)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	return cmd.CombinedOutput()
}

func copyExecutable(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}
