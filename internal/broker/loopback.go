package broker

import (
	"net"
	"net/netip"
)

// LoopbackAddr says whether a listener's address is reachable from this
// machine only. An unspecified address (0.0.0.0, ::) listens on every
// interface, so it is not.
func LoopbackAddr(a net.Addr) bool {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.IP.IsLoopback()
	}
	return Loopback(a.String())
}

// Loopback says whether host:port names a loopback address: 127.0.0.0/8,
// ::1 or localhost. An empty host (":1883") is every interface.
func Loopback(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}
