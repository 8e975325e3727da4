package pgtest

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	startTimeout = 60 * time.Second // crash recovery included
	stopTimeout  = 30 * time.Second
)

// errPortInUse is returned by launch when another process took the port.
var errPortInUse = errors.New("port in use")

// postmaster is a running postgres process.
type postmaster struct {
	cmd  *exec.Cmd
	done chan struct{} // closed once the process exited and was reaped
}

func (s *Server) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(s.bin, name), args...)
	cmd.Dir = s.dir // the test's working directory may be closed to postgres
	cmd.SysProcAttr = sysProcAttr(s.cred)
	return cmd
}

// initdb creates the cluster. --no-sync only skips flushing the new files
// (about a second); the server runs with fsync on.
func (s *Server) initdb() error {
	cmd := s.command("initdb", "-D", s.dataDir(), "-A", "trust", "-U", "postgres",
		"-E", "UTF8", "--no-locale", "--no-sync")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("pgtest: initdb in %s: %w\n%s", s.dir, err, out)
	}
	return nil
}

// launchOnFreePort starts the server on a free port, taking another one if
// a parallel test binary bound it between the probe and postgres. s.mu held.
func (s *Server) launchOnFreePort() error {
	var err error
	for range 5 {
		if s.port, err = freePort(); err != nil {
			return err
		}
		if err = s.launch(); !errors.Is(err, errPortInUse) {
			return err
		}
	}
	return err
}

// launch starts postgres and waits until it accepts connections. s.mu held.
func (s *Server) launch() error {
	cmd := s.command("postgres", "-D", s.dataDir(), "-p", strconv.Itoa(s.port), "-k", s.dir,
		"-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200")
	from := s.log.Len()
	cmd.Stdout, cmd.Stderr = &s.log, &s.log
	cmd.WaitDelay = stopTimeout // a stray child holding stderr must not block Wait
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("pgtest: start postgres: %w", err)
	}
	pm := &postmaster{cmd: cmd, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(pm.done) }()
	if err := s.waitReady(pm); err != nil {
		_ = crash(pm)
		log := s.log.String()[from:]
		if strings.Contains(log, "Address already in use") {
			err = errPortInUse
		}
		return fmt.Errorf("%w (port %d); server log:\n%s", err, s.port, log)
	}
	s.pm = pm
	return nil
}

// waitReady waits until postmaster.pid says "ready", as pg_ctl -w does:
// postgres accepts connections, crash recovery done.
func (s *Server) waitReady(pm *postmaster) error {
	deadline := time.Now().Add(startTimeout)
	for time.Now().Before(deadline) {
		select {
		case <-pm.done:
			return fmt.Errorf("pgtest: postgres exited at start: %v", pm.cmd.ProcessState)
		case <-time.After(10 * time.Millisecond):
		}
		if pid, status, err := s.readPidFile(); err == nil && pid == pm.cmd.Process.Pid && status == "ready" {
			return nil
		}
	}
	return fmt.Errorf("pgtest: postgres not ready within %v", startTimeout)
}

// readPidFile returns the postmaster's pid and status from postmaster.pid.
func (s *Server) readPidFile() (pid int, status string, err error) {
	b, err := os.ReadFile(filepath.Join(s.dataDir(), "postmaster.pid"))
	if err != nil {
		return 0, "", fmt.Errorf("pgtest: %w", err)
	}
	lines := strings.Split(string(b), "\n")
	if pid, err = strconv.Atoi(strings.TrimSpace(lines[0])); err != nil {
		return 0, "", fmt.Errorf("pgtest: postmaster.pid: %w", err)
	}
	if len(lines) > 7 {
		status = strings.TrimSpace(lines[7])
	}
	return pid, status, nil
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgtest: free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
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

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}
