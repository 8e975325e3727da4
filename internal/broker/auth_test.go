package broker_test

import (
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
	"golang.org/x/crypto/bcrypt"

	"github.com/edged/edged/internal/broker"
)

func hash(t *testing.T, password string) string {
	t.Helper()
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}

func startWith(t *testing.T, addr string, opt broker.Options) (*broker.Broker, error) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	b, err := broker.Start(ln, opt, nil)
	if err != nil {
		ln.Close()
		return nil, err
	}
	t.Cleanup(func() { b.Close() })
	return b, nil
}

// connect tries a CONNECT with the credentials; nil means accepted.
func connect(t *testing.T, url, user, password string) error {
	t.Helper()
	o := paho.NewClientOptions().AddBroker(url).SetClientID("c-" + user).SetAutoReconnect(false).
		SetConnectRetry(false).SetConnectTimeout(5 * time.Second)
	if user != "" {
		o.SetUsername(user).SetPassword(password)
	}
	c := paho.NewClient(o)
	tok := c.Connect()
	if !tok.WaitTimeout(10 * time.Second) {
		t.Fatal("no CONNACK")
	}
	if tok.Error() == nil {
		c.Disconnect(0)
	}
	return tok.Error()
}

// TestUsersOnlyConnectWithTheirPassword: with users configured, the
// right password gets in; a wrong one, an unknown user and no
// credentials are refused.
func TestUsersOnlyConnectWithTheirPassword(t *testing.T) {
	b, err := startWith(t, "127.0.0.1:0", broker.Options{Users: []broker.User{
		{Name: "relay", PasswordHash: hash(t, "relay-secret")}, {Name: "gw-a", PasswordHash: hash(t, "gw-a-secret")}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := connect(t, b.URL(), "gw-a", "gw-a-secret"); err != nil {
		t.Fatalf("the right password was refused: %v", err)
	}
	for _, c := range []struct{ user, password string }{
		{"gw-a", "relay-secret"}, {"gw-a", ""}, {"mallory", "gw-a-secret"}, {"", ""},
	} {
		if err := connect(t, b.URL(), c.user, c.password); err == nil {
			t.Errorf("user %q with password %q was let in", c.user, c.password)
		}
	}
}

func TestStartRefusesBadUsers(t *testing.T) {
	for _, users := range [][]broker.User{
		{{Name: "relay", PasswordHash: "relay-secret"}}, // the password, not its hash
		{{Name: "", PasswordHash: hash(t, "x")}},
		{{Name: "a", PasswordHash: hash(t, "x")}, {Name: "a", PasswordHash: hash(t, "y")}},
	} {
		if _, err := startWith(t, "127.0.0.1:0", broker.Options{Users: users}); !errors.Is(err, broker.ErrBadUser) {
			t.Errorf("%+v: %v, want ErrBadUser", users, err)
		}
	}
}

// TestAnonymousBrokerStaysOnLoopback: without users only a loopback
// listener is accepted. A listener on one of this machine's own
// non-loopback addresses is tried when there is one (nothing connects to it).
func TestAnonymousBrokerStaysOnLoopback(t *testing.T) {
	if _, err := startWith(t, "127.0.0.1:0", broker.Options{}); err != nil {
		t.Fatalf("loopback without users: %v", err)
	}
	ip := nonLoopbackIP(t)
	if ip == "" {
		t.Log("this machine has no non-loopback address; the address check is tested alone in TestLoopback")
		return
	}
	_, err := startWith(t, net.JoinHostPort(ip, "0"), broker.Options{})
	if !errors.Is(err, broker.ErrOpen) || !strings.Contains(err.Error(), "configure users or listen on 127.0.0.1") {
		t.Fatalf("anonymous broker on %s: %v, want ErrOpen", ip, err)
	}
	if _, err := startWith(t, net.JoinHostPort(ip, "0"), broker.Options{Users: []broker.User{{Name: "relay", PasswordHash: hash(t, "s")}}}); err != nil {
		t.Fatalf("broker with users on %s: %v", ip, err)
	}
}

func nonLoopbackIP(t *testing.T) string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil && !n.IP.IsLinkLocalUnicast() {
			return n.IP.String()
		}
	}
	return ""
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:1883": true, "127.8.9.1:1883": true, "[::1]:1883": true, "localhost:1883": true, "[::ffff:127.0.0.1]:1": true,
		"0.0.0.0:1883": false, ":1883": false, "[::]:1883": false, "192.0.2.10:1883": false, "broker.example:1883": false, "nonsense": false,
	} {
		if got := broker.Loopback(addr); got != want {
			t.Errorf("Loopback(%q) = %v, want %v", addr, got, want)
		}
	}
	if broker.LoopbackAddr(&net.TCPAddr{IP: net.IPv4zero, Port: 1883}) {
		t.Error("0.0.0.0 listener counted as loopback")
	}
}
