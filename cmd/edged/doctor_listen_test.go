package main

import (
	"bufio"
	"bytes"
	"context"
	"github.com/spf13/viper"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/creack/pty"
)

// TestDoctorListenShowsEachScan runs `doctor --listen` on a pty scanner
// and reads what it prints: the scanner coming online, a good GS1 scan
// decoded, and a scan with a bad check digit flagged.
func TestDoctorListenShowsEachScan(t *testing.T) {
	master, slave, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer master.Close()
	name := slave.Name()
	_ = slave.Close()

	pr, pw := io.Pipe()
	cmd := newDoctorCmd(viper.New())
	cmd.SetOut(pw)
	cmd.SetErr(io.Discard)
	cmd.SetArgs([]string{"--listen", "--root", t.TempDir(), "--serial", name})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx); _ = pw.Close() }()
	lines := bufio.NewScanner(pr)
	expect := func(parts ...string) {
		t.Helper()
		for lines.Scan() {
			if containsAll(lines.Text(), parts) {
				return
			}
		}
		t.Fatalf("no line with %q", parts)
	}
	expect(name, "online")
	_, _ = master.Write([]byte("]C10109506000134352\x1d10LOT7\r\n"))
	expect(name, "serial", `"]C10109506000134352\x1d10LOT7"`, "gtin=09506000134352", "valid=true", "raw=5d 43 31")
	_, _ = master.Write([]byte("]E05901234123458\r"))
	expect(name, "valid=false", "check digit")
	cancel()
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if err := <-done; err != nil {
		t.Fatalf("doctor: %v", err)
	}
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func TestDoctorListsScanners(t *testing.T) {
	root := t.TempDir()
	dev := filepath.Join(root, "dev")
	if err := os.MkdirAll(filepath.Join(dev, "serial/by-id"), 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(dev, "ttyACM0"), nil, 0o644)
	_ = os.Symlink(filepath.Join(dev, "ttyACM0"), filepath.Join(dev, "serial/by-id/usb-Zebra-if00"))
	_ = os.MkdirAll(filepath.Join(root, "proc/4242"), 0o755)
	_ = os.WriteFile(filepath.Join(root, "proc/4242/comm"), []byte("ModemManager\n"), 0o644)
	for _, tc := range []struct {
		root, want string
	}{{root, "usb-Zebra-if00 -> "}, {root, "warning: ModemManager"}, {t.TempDir(), "no scanners found"}} {
		cmd := newDoctorCmd(viper.New())
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetArgs([]string{"--root", tc.root})
		if err := cmd.Execute(); err != nil || !strings.Contains(out.String(), tc.want) {
			t.Fatalf("output %q, err %v; want %q", out.String(), err, tc.want)
		}
	}
}
