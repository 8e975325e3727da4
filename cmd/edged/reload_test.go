package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/edged/edged/gateway"
)

// freeAddr finds a free 127.0.0.1 port for the daemon's http.listen.
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func reloads(t *testing.T, addr string) uint64 {
	resp, err := http.Get("http://" + addr + "/status")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	var h gateway.Health
	_ = json.NewDecoder(resp.Body).Decode(&h)
	return h.Reloads
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("never happened: %s", what)
		}
	}
}

// `edged run` reloads its configuration on SIGHUP and when a drop-in is
// written, and keeps the running one when the new one is invalid.
func TestRunReloadsOnSignalAndFileChange(t *testing.T) {
	dir := t.TempDir()
	addr := freeAddr(t)
	path := filepath.Join(dir, "edged.yaml")
	base := fmt.Sprintf("site: wh1\ngateway: gw-1\nledger: {db: %s}\nhttp: {listen: %q}\n", filepath.Join(dir, "l.db"), addr)
	os.WriteFile(path, []byte(base), 0o644)
	os.MkdirAll(filepath.Join(dir, "conf.d"), 0o755)
	cfg, err := loadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	logs := &syncBuffer{}
	go func() { done <- runDaemon(ctx, path, cfg, slog.New(slog.NewTextHandler(logs, nil))) }()
	waitFor(t, "the daemon answering", func() bool { _, err := http.Get("http://" + addr + "/healthz"); return err == nil })

	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	waitFor(t, "a reload after SIGHUP", func() bool { return reloads(t, addr) == 1 })

	os.WriteFile(filepath.Join(dir, "conf.d", "10-count.yaml"), []byte("count_cycle: 7m\n"), 0o644)
	waitFor(t, "a reload after a drop-in was written", func() bool { return reloads(t, addr) == 2 })

	os.WriteFile(filepath.Join(dir, "conf.d", "20-bad.yaml"), []byte("count_cycle: soon\n"), 0o644)
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	waitFor(t, "the invalid drop-in refused", func() bool { return strings.Contains(logs.String(), "not reloaded") })
	if n := reloads(t, addr); n != 2 {
		t.Fatalf("reloads %d after an invalid drop-in, want still 2", n)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a log sink the test reads while the daemon writes.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
