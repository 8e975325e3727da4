package pgtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Server is one PostgreSQL server.
type Server struct {
	run  runAs
	dir  string
	port int
	n    atomic.Int64 // databases made
}

// Main starts a server, calls body with it (body runs m.Run), stops the
// server and returns body's exit code: use it from TestMain. A server
// that cannot start fails the run with its log.
func Main(m *testing.M, body func(*Server) int) int {
	s, err := start()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.destroy()
	return body(s)
}

func start() (*Server, error) {
	r, err := newRunAs()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		return nil, err
	}
	s := &Server{run: r, dir: dir}
	if err := s.init(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		if s.port, err = freePort(); err == nil {
			if err = s.startServer(); err == nil {
				return s, nil
			}
		}
		if attempt == 3 { // another test binary may have taken the port meanwhile
			os.RemoveAll(dir)
			return nil, err
		}
	}
}

func (s *Server) init() error {
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return err
	}
	if err := s.run.own(s.dir); err != nil {
		return err
	}
	return s.run.run("initdb", "-D", s.data(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-instructions")
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

func (s *Server) startServer() error {
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=200", s.port, s.dir)
	err := s.run.run("pg_ctl", "-D", s.data(), "-o", opts, "-l", s.logPath(), "-w", "-t", "60", "start")
	if err != nil {
		return fmt.Errorf("%w\nserver log:\n%s", err, s.Log())
	}
	return nil
}

func (s *Server) logPath() string { return filepath.Join(s.dir, "server.log") }

// Log is what the server logged.
func (s *Server) Log() string {
	b, _ := os.ReadFile(s.logPath())
	return string(b)
}

// Port is the server's TCP port on 127.0.0.1.
func (s *Server) Port() int { return s.port }

// DSN is the URL of database db.
func (s *Server) DSN(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

// NewDatabase creates an empty database for one test, dropped when the
// test ends, and returns its DSN.
func (s *Server) NewDatabase(tb testing.TB) string {
	tb.Helper()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), s.n.Add(1))
	if err := s.admin("CREATE DATABASE " + name); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			tb.Logf("pgtest: %v", err)
		}
	})
	return s.DSN(name)
}

func (s *Server) admin(sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, s.DSN("postgres"))
	if err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, sql); err != nil {
		return fmt.Errorf("pgtest: %s: %w", sql, err)
	}
	return nil
}

// Stop stops the server (fast shutdown: sessions are cut).
func (s *Server) Stop(tb testing.TB) {
	tb.Helper()
	if err := s.run.run("pg_ctl", "-D", s.data(), "-m", "fast", "-w", "stop"); err != nil {
		tb.Fatal(err)
	}
}

// StartAgain starts the stopped or killed server on the same port and
// data, recovering after a crash, and waits until it accepts connections.
func (s *Server) StartAgain(tb testing.TB) {
	tb.Helper()
	if err := s.startServer(); err != nil {
		tb.Fatal(err)
	}
}

// Restart is Stop then StartAgain.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	s.Stop(tb)
	s.StartAgain(tb)
}

// Kill sends SIGKILL to the postmaster, as a power cut would end it;
// its children exit when they notice.
func (s *Server) Kill(tb testing.TB) {
	tb.Helper()
	pid, err := s.pid()
	if err != nil {
		tb.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		tb.Fatal(err)
	}
	for range 100 { // the children must let go of the port before StartAgain
		if c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(s.port), 100*time.Millisecond); err != nil {
			return
		} else {
			c.Close()
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *Server) pid() (int, error) {
	b, err := os.ReadFile(filepath.Join(s.data(), "postmaster.pid"))
	if err != nil {
		return 0, fmt.Errorf("pgtest: server not running: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strconv.Atoi(strings.TrimSpace(line))
}

func (s *Server) destroy() {
	_ = s.run.run("pg_ctl", "-D", s.data(), "-m", "immediate", "-w", "stop")
	os.RemoveAll(s.dir)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
