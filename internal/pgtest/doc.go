// Package pgtest runs a real PostgreSQL server for tests: initdb and
// pg_ctl from Debian's postgresql package, on a free 127.0.0.1 port, in a
// temporary directory, one server per test binary (Main), one database
// per test (NewDatabase). As root (CI) the server runs as the postgres
// user, since initdb refuses root. Stop, StartAgain, Restart and Kill
// inject the database faults of chaos tests.
package pgtest
