package pgtest

import (
	"fmt"
	"os"
	"sync"
	"testing"
)

// shared is the state behind Shared and Main, the package's only global:
// the shared server belongs to the test binary, not to any one test.
var shared struct {
	sync.Mutex
	inMain bool // Main is running the tests and will stop srv
	srv    *Server
	err    error // start failed: every test gets the same error
}

// Main runs the tests, then stops and removes the shared server if it was
// started. Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
// With a body (at most one), Main starts the shared server first and
// returns body(s) instead of m.Run(): body calls m.Run itself, for
// instance once per store kind. A server that cannot start then fails the
// run with its log. A failure to stop the server turns exit code 0 into 1.
func Main(m *testing.M, body ...func(*Server) int) int {
	if len(body) > 1 {
		panic("pgtest.Main: at most one body")
	}
	shared.Lock()
	shared.inMain = true
	shared.Unlock()
	code := runTests(m, body)
	if err := closeShared(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = max(code, 1)
	}
	return code
}

func runTests(m *testing.M, body []func(*Server) int) int {
	if len(body) == 0 {
		return m.Run()
	}
	s, err := sharedServer()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return body[0](s)
}

// Shared returns the test binary's server, started on first use; each
// test takes its own database with NewDatabase. It fails tb unless
// TestMain calls Main, which stops the server: nothing else would. Stop,
// Restart and Kill on it hit every test using it at the time.
func Shared(tb testing.TB) *Server {
	tb.Helper()
	shared.Lock()
	inMain := shared.inMain
	shared.Unlock()
	if !inMain {
		tb.Fatal("pgtest: Shared needs TestMain to stop the server: " +
			"func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }")
	}
	s, err := sharedServer()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// sharedServer starts the shared server on first use. Tests calling it
// meanwhile wait: they need the server anyway.
func sharedServer() (*Server, error) {
	shared.Lock()
	defer shared.Unlock()
	if shared.srv == nil && shared.err == nil {
		shared.srv, shared.err = start()
	}
	return shared.srv, shared.err
}

func closeShared() error {
	shared.Lock()
	defer shared.Unlock()
	s := shared.srv
	shared.inMain, shared.srv = false, nil
	if s == nil {
		return nil
	}
	return s.close()
}
