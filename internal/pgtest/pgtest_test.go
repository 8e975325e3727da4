package pgtest_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	osexec "os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/edged/edged/internal/pgtest"
)

// bodyServer is the server Main gave its body, when the child run of
// TestMainStopsSharedServer asks for that form.
var bodyServer *pgtest.Server

func TestMain(m *testing.M) {
	if os.Getenv("PGTEST_MAIN_BODY") != "" {
		os.Exit(pgtest.Main(m, func(s *pgtest.Server) int { bodyServer = s; return m.Run() }))
	}
	os.Exit(pgtest.Main(m))
}

func connect(t *testing.T, dsn string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect %s: %v", dsn, err)
	}
	t.Cleanup(func() { _ = c.Close(context.Background()) })
	return c
}

func exec(t *testing.T, c *pgx.Conn, sql string) {
	t.Helper()
	if _, err := c.Exec(context.Background(), sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// rows returns the n column of table t, in order.
func rows(t *testing.T, dsn string) []int {
	t.Helper()
	c := connect(t, dsn)
	r, err := c.Query(context.Background(), "SELECT n FROM t ORDER BY n")
	if err != nil {
		t.Fatal(err)
	}
	ns, err := pgx.CollectRows(r, pgx.RowTo[int])
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

func dbOf(t *testing.T, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

func TestDatabasesAreIsolated(t *testing.T) {
	t.Parallel()
	s := pgtest.Shared(t)
	a, b := s.NewDatabase(t), s.NewDatabase(t)
	if a == b || !strings.Contains(a, fmt.Sprintf("127.0.0.1:%d/", s.Port())) {
		t.Fatalf("DSNs %s and %s, port %d", a, b, s.Port())
	}
	exec(t, connect(t, a), "CREATE TABLE t (n int); INSERT INTO t VALUES (1), (2)")
	if got := rows(t, a); len(got) != 2 {
		t.Fatalf("rows in a: %v", got)
	}
	_, err := connect(t, b).Exec(context.Background(), "SELECT n FROM t")
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "42P01" { // undefined_table
		t.Fatalf("table t seen from the other database: %v", err)
	}
	if pgtest.Shared(t) != s || bodyServer != nil && bodyServer != s {
		t.Fatal("Shared started a second server")
	}
	t.Logf("server %d in %s", s.Port(), socketDirOf(t, s))
}

// TestMainStopsSharedServer runs this test binary again, with either form
// of Main, and checks that the shared server is gone after it.
func TestMainStopsSharedServer(t *testing.T) {
	t.Parallel()
	for _, env := range []string{"PGTEST_MAIN_BODY=", "PGTEST_MAIN_BODY=1"} {
		t.Run(env, func(t *testing.T) {
			t.Parallel()
			cmd := osexec.Command(os.Args[0], "-test.run=^TestDatabasesAreIsolated$", "-test.v", "-test.count=1")
			cmd.Env = append(os.Environ(), env)
			out, err := cmd.CombinedOutput()
			m := regexp.MustCompile(`server (\d+) in (\S+)`).FindStringSubmatch(string(out))
			if err != nil || m == nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			port, _ := strconv.Atoi(m[1])
			assertGone(t, port, m[2])
		})
	}
}

func TestDatabaseDroppedAtCleanup(t *testing.T) {
	t.Parallel()
	s := pgtest.Shared(t)
	var name string
	t.Run("user", func(t *testing.T) {
		dsn := s.NewDatabase(t)
		name = dbOf(t, dsn)
		connect(t, dsn) // left open: the drop forces it closed
	})
	var n int
	err := connect(t, s.DSN("postgres")).QueryRow(context.Background(),
		"SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n)
	if err != nil || n != 0 {
		t.Fatalf("database %s after its test: count %d, %v", name, n, err)
	}
}

var socketDir = regexp.MustCompile(`listening on Unix socket "(.*)/\.s\.PGSQL\.\d+"`)

func TestRestartKeepsCommittedData(t *testing.T) {
	t.Parallel()
	var s *pgtest.Server
	t.Run("server", func(t *testing.T) {
		s = pgtest.Start(t)
		dsn := s.NewDatabase(t)
		exec(t, connect(t, dsn), "CREATE TABLE t (n int); INSERT INTO t VALUES (7)")
		port := s.Port()
		s.Restart(t)
		if got := rows(t, dsn); len(got) != 1 || got[0] != 7 || s.Port() != port {
			t.Fatalf("after restart: rows %v, port %d then %d", got, port, s.Port())
		}
	})
	if s.Running() {
		t.Fatal("running after cleanup")
	}
	assertGone(t, s.Port(), socketDirOf(t, s))
}

// socketDirOf is the server's directory, as its log names it.
func socketDirOf(t *testing.T, s *pgtest.Server) string {
	t.Helper()
	m := socketDir.FindStringSubmatch(s.Log())
	if m == nil {
		t.Fatalf("no socket in the log:\n%s", s.Log())
	}
	return m[1]
}

// assertGone checks that nothing listens on port and dir was removed.
func assertGone(t *testing.T, port int, dir string) {
	t.Helper()
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s after cleanup: %v", dir, err)
	}
	if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second); err == nil {
		_ = c.Close()
		t.Errorf("port %d still accepts connections after cleanup", port)
	}
}

func TestKillRecoversCommittedData(t *testing.T) {
	t.Parallel()
	s := pgtest.Start(t)
	dsn := s.NewDatabase(t)
	exec(t, connect(t, dsn), "CREATE TABLE t (n int); INSERT INTO t VALUES (1)")
	open := connect(t, dsn)
	exec(t, open, "BEGIN; INSERT INTO t VALUES (2)") // never committed
	s.Kill(t)
	if s.Running() {
		t.Fatal("running after Kill")
	}
	s.StartAgain(t)
	if got := rows(t, dsn); len(got) != 1 || got[0] != 1 {
		t.Fatalf("after crash recovery: rows %v, want [1]", got)
	}
	if !strings.Contains(s.Log(), "automatic recovery in progress") {
		t.Fatalf("no crash recovery in the log:\n%s", s.Log())
	}
}

func TestStartAgainWaitsForItsPort(t *testing.T) {
	t.Parallel()
	s := pgtest.Start(t)
	s.Stop(t)
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", s.Port()))
	if err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	go func() { // another program holds the port until postgres has tried it
		defer close(released)
		for end := time.Now().Add(10 * time.Second); time.Now().Before(end) &&
			!strings.Contains(s.Log(), "Address already in use"); {
			time.Sleep(5 * time.Millisecond)
		}
		_ = ln.Close()
	}()
	s.StartAgain(t)
	<-released
	exec(t, connect(t, s.DSN("postgres")), "SELECT 1")
}
