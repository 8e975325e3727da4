// Package pgtest runs a real PostgreSQL server for tests: a cluster made
// by initdb in a fresh directory, listening on a free 127.0.0.1 port with
// its Unix socket in that directory, trust authentication for the user
// postgres, fsync on and max_connections=200.
//
// # Use
//
// One server per test binary, one database per test:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
//	func TestX(t *testing.T) {
//		dsn := pgtest.Shared(t).NewDatabase(t)
//		...
//	}
//
// Tests that stop, restart or kill the server take their own with Start
// (about a second each), or must not run in parallel with the other
// tests of the shared server.
//
// # Processes
//
// The binaries come from `pg_config --bindir` or the newest
// /usr/lib/postgresql/*/bin (Debian package postgresql; `make deps`
// installs it). initdb refuses to run as root, so as root the directory is
// made outside t.TempDir() (whose parents are 0700), given to the user
// postgres, and initdb and postgres run with that user's credentials.
//
// The postmaster is a child of the test binary rather than a daemon of
// pg_ctl: the test reaps it (a container's init may not, and a zombie
// postmaster blocks the next start), and on Linux it gets SIGQUIT, an
// immediate shutdown, if the test binary dies before its cleanup. Stop
// sends SIGINT, which is what `pg_ctl -m fast stop` sends. A directory
// left by a test binary that died is removed by the next Start.
package pgtest
