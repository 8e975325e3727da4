package gateway

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// portForm is the expected form of every port in the configuration.
const portForm = "a port from 1 to 65535"

// validateAddresses checks the addresses edged listens on or dials:
// their form, their host and that each port is in range.
func (c *Config) validateAddresses() []error {
	var errs []error
	if l := c.HTTP.Listen; l != "off" && l != "" { // "" is the default, 127.0.0.1:9337
		if p := hostPortProblem(l, false); p != "" {
			errs = append(errs, fmt.Errorf("http.listen: %s; expected an address such as 127.0.0.1:9337 (%s), or off", p, portForm))
		}
	}
	for i, r := range c.Readers {
		if r.Address == "" {
			errs = append(errs, fmt.Errorf("readers[%d].address: required; expected the reader's host or host:port, such as 192.0.2.10 (port 5084 by default)", i))
		} else if p := hostPortProblem(ReaderAddress(r.Address), true); p != "" {
			errs = append(errs, fmt.Errorf("readers[%d].address: %s; expected host or host:port, such as 192.0.2.10 or 192.0.2.10:5084 (%s)", i, p, portForm))
		}
	}
	if b := c.MQTT.Broker; b != "" {
		if p := brokerProblem(b); p != "" {
			errs = append(errs, fmt.Errorf("mqtt.broker: %s; expected a URL such as tcp://relay.example:1883 or ssl://relay.example:8883 (%s)", p, portForm))
		}
	}
	return errs
}

// hostPortProblem says what is wrong with a host:port, or "". An empty
// host (":9337", every interface) is allowed unless needHost.
func hostPortProblem(addr string, needHost bool) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Sprintf("%q is not host:port", addr)
	}
	if p := portProblem(port); p != "" {
		return p
	}
	if host == "" && needHost {
		return fmt.Sprintf("%q has no host", addr)
	}
	if host != "" && !validHost(host) {
		return fmt.Sprintf("%q is not a host name or IP address", host)
	}
	return ""
}

func portProblem(port string) string {
	n, err := strconv.Atoi(port)
	switch {
	case err != nil && port == "":
		return "the port is missing"
	case err != nil:
		return fmt.Sprintf("port %q is not a number", port)
	case n < 1 || n > 65535:
		return fmt.Sprintf("port %d is out of range", n)
	}
	return ""
}

// validHost accepts an IP address or a DNS name (letters, digits,
// hyphens and dots, no label starting or ending with a hyphen).
func validHost(h string) bool {
	if _, err := netip.ParseAddr(h); err == nil {
		return true
	}
	if len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(h, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				return false
			}
		}
	}
	return true
}

// brokerProblem checks an MQTT broker URL as uplink/mqtt dials it.
func brokerProblem(b string) string {
	u, err := url.Parse(b)
	if err != nil || u.Host == "" {
		return fmt.Sprintf("%q is not a URL with a host", b)
	}
	switch u.Scheme {
	case "tcp", "ssl", "tls", "mqtts":
	default:
		return fmt.Sprintf("scheme %q is not tcp, ssl, tls or mqtts", u.Scheme)
	}
	if u.Port() == "" && !strings.HasSuffix(u.Host, ":") {
		if !validHost(u.Hostname()) {
			return fmt.Sprintf("%q is not a host name or IP address", u.Hostname())
		}
		return ""
	}
	return hostPortProblem(u.Host, true)
}
