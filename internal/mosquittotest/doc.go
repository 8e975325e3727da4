// Package mosquittotest runs a real mosquitto broker for a test: on a
// free 127.0.0.1 port, with a configuration generated in t.TempDir(),
// stopped in t.Cleanup. It also provides a TCP proxy that can black-hole
// either direction of its connections, to simulate half-open links and
// lost acknowledgements.
//
// The broker binary is /usr/sbin/mosquitto (Debian package mosquitto;
// `make deps` installs it) or the first mosquitto on PATH.
package mosquittotest
