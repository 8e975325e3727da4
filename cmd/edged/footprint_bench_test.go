package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/edged/edged/device/llrp/llrptest"
)

// buildEdged compiles the daemon as it ships (stripped, no cgo).
func buildEdged(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "edged")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// daemonConfig writes a configuration with one reader per address, each
// with its own dock zone, and one serial scanner per tty path.
func daemonConfig(b *testing.B, dir string, readers []string, ttys ...string) string {
	var r, z strings.Builder
	for i, addr := range readers {
		fmt.Fprintf(&r, "  - {name: r%d, address: %q}\n", i, addr)
		fmt.Fprintf(&z, "    - {name: dock%d, role: receive_portal, locations: [{name: DOOR-%d, antennas: [{reader: r%d, port: 1}, {reader: r%d, port: 2}, {reader: r%d, port: 3}, {reader: r%d, port: 4}]}]}\n", i, i, i, i, i, i)
	}
	cfg := fmt.Sprintf(`site: bench
gateway: gw-bench
ledger: {db: %s}
catalog: {items: [{sku: TEE, gtins: ["03893120000008"], unit_cost: "4.20"}]}
http: {listen: "off"}
log: {level: warn}
`, filepath.Join(dir, "ledger.db"))
	if len(readers) > 0 {
		cfg += "readers:\n" + r.String() + "rfid:\n  zones:\n" + z.String()
	}
	if len(ttys) > 0 {
		cfg += "workflow: {default_unit_cost: \"1.00\"}\nscanners:\n"
		for i, p := range ttys {
			cfg += fmt.Sprintf("  - {id: scanner-%d, path: %q, feedback: honeywell}\n", i, p)
		}
	}
	path := filepath.Join(dir, "edged.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// startDaemon runs `edged run` with a notify socket and returns once it
// said READY, with the time that took.
func startDaemon(b *testing.B, bin, config string) (*exec.Cmd, time.Duration) {
	sock := filepath.Join(b.TempDir(), "notify.sock")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	cmd := exec.Command(bin, "run", "--config", config)
	cmd.Env = append(os.Environ(), "NOTIFY_SOCKET="+sock)
	// The daemon's log goes to a file, shown on failure: on the test's
	// stderr it would split benchmark result lines.
	logf, err := os.Create(filepath.Join(b.TempDir(), "edged.log"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { logf.Close() })
	cmd.Stderr = logf
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 4096)
	conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	for {
		n, err := conn.Read(buf)
		if err != nil {
			cmd.Process.Kill()
			b.Fatalf("no READY from edged: %v\n%s", err, daemonLog(cmd))
		}
		if bytes.Contains(buf[:n], []byte("READY=1")) {
			return cmd, time.Since(start)
		}
	}
}

func stopDaemon(b *testing.B, cmd *exec.Cmd) {
	cmd.Process.Signal(os.Interrupt)
	if err := cmd.Wait(); err != nil {
		b.Errorf("edged exited with %v\n%s", err, daemonLog(cmd))
	}
}

func daemonLog(cmd *exec.Cmd) string {
	f, ok := cmd.Stderr.(*os.File)
	if !ok {
		return ""
	}
	data, _ := os.ReadFile(f.Name())
	return string(data)
}

// BenchmarkDaemonStartToReady: process start to systemd READY, with an
// empty configuration (no readers), on a fresh ledger each time.
func BenchmarkDaemonStartToReady(b *testing.B) {
	bin := buildEdged(b)
	st, _ := os.Stat(bin)
	var total time.Duration
	for i := 0; b.Loop(); i++ {
		dir := b.TempDir()
		cmd, d := startDaemon(b, bin, daemonConfig(b, dir, nil))
		total += d
		stopDaemon(b, cmd)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-to-ready")
	b.ReportMetric(float64(st.Size())/(1<<20), "binary-MB")
}

// BenchmarkDaemonFootprint: `edged run` with 4 fake readers at 1,000
// reads/s each and 2 serial scanners (pseudo-terminals) scanning twice a
// second for 10 s (the fakes run in this process, not in edged):
// resident memory at the end and CPU used by the edged process.
func BenchmarkDaemonFootprint(b *testing.B) {
	bin := buildEdged(b)
	var addrs []string
	for range 4 {
		_, addr := llrptest.Start(b, llrptest.Options{Tags: 200, Rate: 1000})
		addrs = append(addrs, addr)
	}
	masters, ttys := benchScanners(b, 2)
	for b.Loop() {
		cmd, _ := startDaemon(b, bin, daemonConfig(b, b.TempDir(), addrs, ttys...))
		cpu0 := procCPU(b, cmd.Process.Pid)
		stop := scanEvery(masters, 500*time.Millisecond)
		time.Sleep(10 * time.Second) // the load runs for a fixed wall time
		stop()
		cpu := procCPU(b, cmd.Process.Pid) - cpu0
		rss := procRSS(b, cmd.Process.Pid)
		stopDaemon(b, cmd)
		b.ReportMetric(rss/1024, "rss-MB")
		b.ReportMetric(100*cpu.Seconds()/10, "cpu-%")
	}
}

// procCPU is user+system time of a process (/proc/PID/stat).
func procCPU(b *testing.B, pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Skip("needs /proc")
	}
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+2:]))
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / 100 // USER_HZ is 100 on Linux
}

// procRSS is VmRSS in KiB.
func procRSS(b *testing.B, pid int) float64 {
	data, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.Fields(v)[0], 64)
			return kb
		}
	}
	b.Skip("no VmRSS")
	return 0
}

// benchScanners opens n pseudo-terminals for the daemon's scanners.
func benchScanners(b *testing.B, n int) ([]*os.File, []string) {
	var masters []*os.File
	var paths []string
	for range n {
		m, s, err := pty.Open()
		if err != nil {
			b.Skip(err)
		}
		b.Cleanup(func() { m.Close(); s.Close() })
		go io.Copy(io.Discard, m) // the scanners' feedback bytes
		masters, paths = append(masters, m), append(paths, s.Name())
	}
	return masters, paths
}

// scanEvery makes every scanner scan an unknown code (rejected, so no
// stock is needed) at the given period until stopped.
func scanEvery(masters []*os.File, d time.Duration) func() {
	stop := make(chan struct{})
	go func() {
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				for _, m := range masters {
					m.Write([]byte("]E05901234123457\r"))
				}
			}
		}
	}()
	return func() { close(stop) }
}
