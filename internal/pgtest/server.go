package pgtest

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
)

// Server is one PostgreSQL server. Its methods are safe for concurrent use.
type Server struct {
	dir  string              // data/ and the socket; owned by postgres when root
	bin  string              // directory of initdb and postgres
	cred *syscall.Credential // nil unless root: the processes run as postgres
	port int                 // fixed once start returns
	log  syncBuffer
	dbs  atomic.Int64

	mu sync.Mutex
	pm *postmaster // nil while stopped
}

// Start starts a server for tb alone, waits until it accepts connections,
// and stops and removes it in tb.Cleanup, whether tb failed or not.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s, err := start()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// start creates a cluster and starts its server; on error nothing is left.
func start() (*Server, error) {
	sweepStale()
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	cred, err := credential()
	if err != nil {
		return nil, err
	}
	dir, err := makeDir(cred)
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, bin: bin, cred: cred}
	if err := s.initdb(); err != nil {
		return nil, errors.Join(err, s.close())
	}
	s.mu.Lock()
	err = s.launchOnFreePort()
	s.mu.Unlock()
	if err != nil {
		return nil, errors.Join(err, s.close())
	}
	return s, nil
}

// DSN is the URL of database db for pgx or lib/pq.
func (s *Server) DSN(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, url.PathEscape(db))
}

// Port is the TCP port on 127.0.0.1; it stays the same across restarts.
func (s *Server) Port() int { return s.port }

// Log returns everything the server logged so far, across restarts.
func (s *Server) Log() string { return s.log.String() }

// Running reports whether the server is up (not stopped or killed).
func (s *Server) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pm != nil
}

func (s *Server) dataDir() string { return filepath.Join(s.dir, "data") }

// close stops the server if it runs and removes its directory.
func (s *Server) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.stopLocked()
	if rerr := os.RemoveAll(s.dir); rerr != nil {
		err = errors.Join(err, fmt.Errorf("pgtest: remove %s: %w", s.dir, rerr))
	}
	return err
}

const (
	dirPrefix = "pgtest-"
	ownerFile = "owner.pid" // pid of the test binary that made the directory
)

// makeDir creates the server's directory outside t.TempDir(), whose
// parents are 0700: as root the server runs as postgres, which must
// reach it.
func makeDir(cred *syscall.Credential) (string, error) {
	dir, err := os.MkdirTemp("", dirPrefix)
	if err != nil {
		return "", fmt.Errorf("pgtest: %w", err)
	}
	err = os.WriteFile(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(os.Getpid())), 0o644)
	if err == nil && cred != nil {
		err = errors.Join(os.Chmod(dir, 0o755), os.Chown(dir, int(cred.Uid), int(cred.Gid)))
	}
	if err != nil {
		_ = os.RemoveAll(dir)
		return "", fmt.Errorf("pgtest: prepare %s: %w", dir, err)
	}
	return dir, nil
}

// sweepStale removes the directories of test binaries that died before
// their cleanup (a -timeout panic): their servers got SIGQUIT, their
// files stayed. A directory without an owner file is still being made.
func sweepStale() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), dirPrefix+"*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, ownerFile))
		if err != nil {
			continue
		}
		if pid, err := strconv.Atoi(string(b)); err == nil && !alive(pid) {
			_ = os.RemoveAll(dir)
		}
	}
}
